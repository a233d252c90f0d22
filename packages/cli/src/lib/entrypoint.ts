/**
 * How a Node integration's `entrypoint` / `env_class` (`module:symbol`) names its module, for `dit pack` (which
 * bundles it) and `dit run` (which imports it). The module part is either
 *  - a path relative to the project root (`src/main.ts`, `dist/main.js`, `node/src/main.mjs`), extension optional; or
 *  - a dotted module name looked up under `src/` like Python's `PYTHONPATH=src` (`timer` → `src/timer.ts`,
 *    `pkg.mod` → `src/pkg/mod.ts`), then at the root.
 * In a packed DIT, `dit pack` rewrites each to the bundled file (`node/src/main.mjs:integration`), which the
 * first rule finds as it is.
 */
import { statSync } from "node:fs";
import { join } from "node:path";

export const MODULE_EXTENSIONS = ["", ".ts", ".mts", ".js", ".mjs", ".cjs"] as const;

export function parseModuleSymbol(value: string): { module: string; symbol: string } | undefined {
  const parts = value.trim().split(":");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { module: parts[0], symbol: parts[1] };
}

/** Project-relative candidate files for a module part, in lookup order. */
export function moduleCandidates(module: string): string[] {
  const isPath = module.includes("/") || /\.(m|c)?[jt]s$/.test(module);
  const bases = isPath ? [module] : [`src/${module.replaceAll(".", "/")}`, module.replaceAll(".", "/")];
  const candidates: string[] = [];
  for (const base of bases) {
    for (const ext of MODULE_EXTENSIONS) candidates.push(base + ext);
    for (const ext of MODULE_EXTENSIONS.slice(1)) candidates.push(`${base}/index${ext}`);
  }
  return candidates.filter((c) => !c.split("/").includes(".."));
}

/** The file a module part names, as a path relative to the project root, or undefined. */
export function resolveEntrypointModule(projectDir: string, module: string): string | undefined {
  return moduleCandidates(module).find((c) => {
    try {
      return statSync(join(projectDir, c)).isFile();
    } catch {
      return false;
    }
  });
}
