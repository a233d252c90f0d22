// `module:export` → a function (spec §3.7), relative to the integration's root (and its src/, where the original
// put the DIT's sources on the path). Python-style dotted modules `a.b.c` mean `a/b/c`. TypeScript runs from source:
// it is bundled on load with esbuild (local imports inlined, packages left as imports) into `<root>/.dit/build/`,
// so bare imports resolve from the integration's own node_modules.
import { createHash } from "node:crypto";
import { mkdirSync, statSync } from "node:fs";
import { basename, extname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { messageOf, RuntimeError } from "./errors.js";

const EXTENSIONS = [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"];
const TYPESCRIPT = new Set([".ts", ".mts", ".cts"]);

export function parseSymbol(symbol: string): { module: string; name: string } {
  const parts = symbol.split(":");
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new RuntimeError("entrypoint/malformed", `Malformed symbol "${symbol}": expected "module:export", e.g. "main:integration"`);
  }
  return { module: parts[0].trim(), name: parts[1].trim() };
}

/** The file a module name refers to, or undefined. Paths (with `/` or an extension) first, then dotted names. */
export function findModuleFile(root: string, module: string): string | undefined {
  const asPath = module.includes("/") || EXTENSIONS.includes(extname(module));
  const bases = [module, ...(asPath ? [] : [module.split(".").join("/")])];
  for (const dir of [root, join(root, "src")]) {
    for (const base of bases) {
      const path = resolve(dir, base);
      if (EXTENSIONS.includes(extname(path)) && isFile(path)) return path;
      for (const ext of EXTENSIONS) if (isFile(path + ext)) return path + ext;
      for (const ext of EXTENSIONS) if (isFile(join(path, "index" + ext))) return join(path, "index" + ext);
    }
  }
  return undefined;
}

/** Imports `module:export` and returns the export (which must exist). */
export async function resolveSymbol(root: string, symbol: string): Promise<unknown> {
  const { module, name } = parseSymbol(symbol);
  const file = findModuleFile(root, module);
  if (!file) {
    throw new RuntimeError("entrypoint/not-found",
      `Failure importing integration package: ${module} (no ${module.replace(/\./g, "/")}.js or .ts under ${root} or ${join(root, "src")})`);
  }
  let exports: Record<string, unknown>;
  try {
    const url = TYPESCRIPT.has(extname(file)) ? await compileTypeScript(root, file) : pathToFileURL(file).href;
    exports = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new RuntimeError("entrypoint/import-failed", `Failure importing integration package: ${module}: ${messageOf(error)}`, { cause: error });
  }
  if (!(name in exports) || exports[name] === undefined) {
    const available = Object.keys(exports).filter((k) => k !== "__esModule").join(", ") || "none";
    throw new RuntimeError("entrypoint/missing-export", `${relative(root, file)} has no export "${name}" (exports: ${available})`);
  }
  return exports[name];
}

async function compileTypeScript(root: string, file: string): Promise<string> {
  const { build } = await import("esbuild");
  const outDir = join(root, ".dit", "build");
  mkdirSync(outDir, { recursive: true });
  const stamp = createHash("sha256").update(file).digest("hex").slice(0, 12);
  const outfile = join(outDir, `${basename(file).replace(/\.[cm]?ts$/, "")}-${stamp}.mjs`);
  // Always rebuilt (esbuild takes milliseconds), so edits to any imported file count.
  await build({
    entryPoints: [file], outfile, bundle: true, packages: "external", platform: "node", format: "esm", target: "node20",
    sourcemap: "inline", logLevel: "silent",
  });
  return `${pathToFileURL(outfile).href}?v=${Date.now()}`;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
