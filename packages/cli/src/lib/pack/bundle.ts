/**
 * Bundles a Node integration's entrypoint (and env_class) modules with their npm dependencies, using esbuild: ESM,
 * Node 20, code splitting (modules shared between bundles load once), linked source maps, host-provided modules
 * left external. Output paths mirror the sources under `node/`: `src/main.ts` → `node/src/main.mjs`.
 */
import { relative } from "node:path";
import { findModuleFile } from "@dit/core";
import type { ZipFileInput } from "@dit/dit-file";
import { build, type Message } from "esbuild";
import { DitError } from "../../errors.js";
import { HOST_PROVIDED_MODULES } from "../host-modules.js";

export const BUNDLE_DIR = "node";

export interface BundledModules {
  files: ZipFileInput[];
  /** Module part as written in the metadata → the bundled file's path inside the DIT. */
  bundles: Map<string, string>;
}

/** `require` for CommonJS dependencies that require Node built-ins from inside an ESM bundle. */
const BANNER = 'import { createRequire as __ditCreateRequire } from "node:module";\nconst require = __ditCreateRequire(import.meta.url);';

export async function bundleModules(projectDir: string, modules: readonly string[]): Promise<BundledModules> {
  const entryPoints: { in: string; out: string }[] = [];
  const outFor = new Map<string, string>();
  for (const module of [...new Set(modules)].sort()) {
    // The same lookup `dit run` uses, so a packed integration loads the module its project would.
    const found = findModuleFile(projectDir, module);
    if (found === undefined) {
      throw new DitError("pack/entrypoint-not-found", `cannot find the module "${module}" of an entrypoint or env_class`, {
        hint: `looked for it as a path and as a dotted module name (a.b → a/b.ts, .js, …) in ${projectDir} and its src/`,
      });
    }
    const source = relative(projectDir, found);
    const out = source.replace(/\.(m|c)?[jt]s$/, "");
    outFor.set(module, `${BUNDLE_DIR}/${out}.mjs`);
    if (!entryPoints.some((e) => e.out === out)) entryPoints.push({ in: source, out });
  }
  const outdir = `${projectDir}/${BUNDLE_DIR}`;
  let result;
  try {
    result = await build({
      absWorkingDir: projectDir,
      entryPoints,
      outdir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      outExtension: { ".js": ".mjs" },
      entryNames: "[dir]/[name]",
      chunkNames: "chunks/[name]-[hash]",
      sourcemap: "linked",
      external: HOST_PROVIDED_MODULES.flatMap((m) => [m, `${m}/*`]),
      banner: { js: BANNER },
      write: false,
      logLevel: "silent",
      metafile: false,
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors ?? [];
    const first = errors.slice(0, 5).map(formatMessage).join("\n  ");
    throw new DitError("pack/bundle-failed", `bundling the integration failed:\n  ${first || String(error)}`, {
      hint: "install the project's dependencies (npm install) and check the entrypoint's imports",
    });
  }
  const files = result.outputFiles.map((f) => ({ path: `${BUNDLE_DIR}/${relative(outdir, f.path).split("\\").join("/")}`, data: f.contents }));
  return { files, bundles: outFor };
}

export function formatMessage(m: Message): string {
  const where = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : "";
  return `${where}${m.text}`;
}
