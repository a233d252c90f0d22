// `dit test [DIR]`: the project's tests (`*.test.ts`, also .mts/.js/.mjs) bundled with esbuild into .dit/test/ (local
// imports inlined, packages left as imports) and run by Node's own test runner (`node --test`, spec reporter), with
// @dit/core and @daml/* provided by the host as `dit run` provides them: no install needed.
// Exit codes: 0 every test passed, 1 a test failed (or none was found, or bundling failed), 2 usage error.
import { spawn } from "node:child_process";
import { readdirSync, rmSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Message, type Plugin, transform } from "esbuild";
import { DitError, EXIT, type ExitCode } from "../errors.js";
import { displayFile } from "../format.js";
import type { CliIo } from "../io.js";
import { HOST_PROVIDED_MODULES } from "../lib/host-modules.js";
import { formatMessage } from "../lib/pack/bundle.js";

export interface TestOptions {
  namePattern?: string;
}

const TEST_FILE = /\.test\.(?:[cm]?ts|m?js)$/;
/** Never searched for tests: dependencies, build output, dit's own output, hidden directories. */
const SKIPPED_DIRS = new Set(["node_modules", "dist", "build", "coverage"]);
export const TEST_BUILD_DIR = join(".dit", "test");

export async function runTest(dirArg: string | undefined, options: TestOptions, io: CliIo): Promise<ExitCode> {
  const dir = resolve(io.cwd, dirArg ?? ".");
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new DitError("usage", `${displayFile(dir, io.cwd) || "."} is not a directory`, { exitCode: EXIT.usage,
      hint: "dit test takes the project directory (default: the current one)" });
  }
  if (options.namePattern !== undefined) {
    try {
      new RegExp(options.namePattern);
    } catch (error) {
      throw new DitError("usage", `--name-pattern: ${(error as Error).message}`, { exitCode: EXIT.usage });
    }
  }
  const files = findTestFiles(dir);
  if (files.length === 0) {
    throw new DitError("test/none", `no test files in ${displayFile(dir, io.cwd) || "."} (looked for *.test.ts, *.test.mts, *.test.js, *.test.mjs)`,
      { hint: "a test imports testIntegration from @dit/core/testing and test from node:test (see the README of a `dit init` project)" });
  }

  const outdir = join(dir, TEST_BUILD_DIR);
  rmSync(outdir, { recursive: true, force: true });
  const entryPoints = files.map((file) => ({ in: file, out: file.replace(/\.[cm]?[jt]s$/, "") }));
  try {
    await build({
      absWorkingDir: dir, entryPoints, outdir, bundle: true, format: "esm", platform: "node", target: "node20",
      outExtension: { ".js": ".mjs" }, sourcemap: "inline", packages: "external",
      external: HOST_PROVIDED_MODULES.flatMap((m) => [m, `${m}/*`]), plugins: [sourceLocation], logLevel: "silent",
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors ?? [];
    io.stderr.write(`dit: bundling the tests failed:\n  ${errors.slice(0, 10).map(formatMessage).join("\n  ") || String(error)}\n`);
    return EXIT.failed;
  }

  const preload = new URL("../lib/host-register.js", import.meta.url).href;
  const args = ["--enable-source-maps", "--import", preload, "--test", "--test-reporter=spec",
    ...(options.namePattern !== undefined ? ["--test-name-pattern", options.namePattern] : []),
    ...entryPoints.map((e) => join(TEST_BUILD_DIR, `${e.out}.mjs`))];
  // The spec reporter colours only a terminal; the child writes to our pipes, so pass on what our stdout is.
  const color = io.stdout.isTTY && !io.env.NO_COLOR && io.env.FORCE_COLOR === undefined ? { FORCE_COLOR: "1" } : {};
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: dir, env: { ...io.env, ...color }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => io.stdout.write(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => io.stderr.write(chunk.toString()));
    child.on("error", fail);
    child.on("close", (exitCode) => done(exitCode));
  });
  return code === 0 ? EXIT.ok : EXIT.failed;
}

/** Test files under `dir`, project-relative with `/`, sorted. */
function findTestFiles(dir: string, sub = ""): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
    const rel = sub === "" ? entry.name : `${sub}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".") && !SKIPPED_DIRS.has(entry.name)) found.push(...findTestFiles(dir, rel));
    } else if (entry.isFile() && TEST_FILE.test(entry.name)) {
      found.push(rel);
    }
  }
  return found.sort();
}

/**
 * Each bundled module keeps its own `import.meta.url` (and `dirname`, `filename`): the file's in the project, not the
 * bundle's, so `new URL("./fixture.json", import.meta.url)` finds what it names.
 */
const sourceLocation: Plugin = {
  name: "dit-source-location",
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, async ({ path }) => {
      const text = await readFile(path, "utf8");
      if (!text.includes("import.meta")) return undefined;
      const quoted = (value: string) => JSON.stringify(value);
      // esbuild's own define (not a text replacement: strings and comments that mention import.meta stay as they are);
      // the inline source map keeps stack traces pointing at the original lines.
      const { code } = await transform(text, {
        loader: /\.[cm]?ts$/.test(path) ? "ts" : "js", format: "esm", target: "node20", sourcemap: "inline", sourcefile: path,
        define: { "import.meta.url": quoted(pathToFileURL(path).href), "import.meta.dirname": quoted(dirname(path)), "import.meta.filename": quoted(path) },
      });
      return { contents: code, loader: "js" };
    });
  },
};
