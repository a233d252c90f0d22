// The pack self-check's child process: `node load-check.js <json>` imports each bundled module of an extracted DIT
// (host modules resolved by the hook) and checks that the named export is there. Prints one JSON line.
import { pathToFileURL } from "node:url";
import { registerHostModules } from "./host-modules.js";

interface Check { file: string; symbol: string; what: string }

registerHostModules();
const checks = JSON.parse(process.argv[2] ?? "[]") as Check[];
const failures: string[] = [];
for (const check of checks) {
  try {
    const mod = (await import(pathToFileURL(check.file).href)) as Record<string, unknown>;
    const value = mod[check.symbol];
    if (typeof value !== "function") {
      const exported = Object.keys(mod).join(", ") || "nothing";
      failures.push(`${check.what}: the bundle exports no function "${check.symbol}" (it exports ${exported})`);
    }
  } catch (error) {
    failures.push(`${check.what}: loading the bundle failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.stdout.write(JSON.stringify({ failures }) + "\n");
process.exit(0);
