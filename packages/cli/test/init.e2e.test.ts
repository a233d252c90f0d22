// `dit init` end to end: spawn bin/dit, scaffold into temp directories, then validate, pack, type-check and run the
// fresh project as a user would. The run uses @dit/core's JSON API v1 stand-in, which is not a Daml ledger.
import { execFile, spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startJsonApiStandIn } from "@dit/core";
import { E, PackageBuilder, T } from "@dit/daml-lf";
import { openDit } from "@dit/dit-file";
import { afterAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { dit, repo, tempDir } from "./pack-fixtures.js";

const work = tempDir("dit-init-");
afterAll(() => rmSync(work, { recursive: true, force: true }));

const INTEGRATION_FILES = [".gitignore", "README.md", "dit-meta.yaml", "int_args.yaml", "package.json", "pkg/icon.svg", "src/main.test.ts", "src/main.ts", "tsconfig.json"];
const entries = (file: string) => [...openDit(readFileSync(file), file).zip.files.keys()].sort();
const read = (...parts: string[]) => readFileSync(join(...parts), "utf8");
interface Catalog { name: string; version: string; author: string; tags: string[]; icon_file: string }
interface Meta { catalog: Catalog; integration_types?: Array<{ id: string; entrypoint: string; fields: Array<{ id: string; default_value: string }> }> }
const metaOf = (dir: string) => parse(read(dir, "dit-meta.yaml"), { version: "1.1" }) as Meta;

/** A fresh scaffold in its own directory under `work`. */
async function scaffold(sub: string, args: string[] = []): Promise<string> {
  const r = await dit(["init", sub, ...args], work);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return join(work, sub);
}

describe("dit init: an integration", () => {
  test("writes the files, names them and prints the next steps", async () => {
    const r = await dit(["init", "My Ledger Bot"], work);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/^✔ created integration "my-ledger-bot" in My Ledger Bot \(9 files\)\n/);
    for (const file of INTEGRATION_FILES) expect(r.stdout).toContain(`\n  ${file}\n`);
    expect(r.stdout).toContain("Next steps:\n  cd 'My Ledger Bot'\n");
    for (const step of ["dit validate --int-args int_args.yaml", "dit genargs --force", "dit test", "dit pack",
      "dit run --sandbox --party Alice", "dit run --ledger-url http://localhost:7575 --party Alice"]) expect(r.stdout).toContain(`\n  ${step}`);

    const dir = join(work, "My Ledger Bot");
    const meta = metaOf(dir);
    expect(read(dir, "dit-meta.yaml").split("\n")[0]).toBe("# yaml-language-server: $schema=node_modules/@dit/meta/schema/dit-meta.schema.json");
    expect(meta.catalog).toMatchObject({ name: "my-ledger-bot", version: "0.1.0", short_description: "My Ledger Bot", license: "Apache-2.0",
      tags: ["integration"], icon_file: "icon.svg" });
    expect(meta.integration_types).toMatchObject([{ id: "main", entrypoint: "src/main.ts:integration", fields: [{ id: "templateId", default_value: "*" }] }]);
    expect(read(dir, ".gitignore").split("\n")).toEqual(expect.arrayContaining(["node_modules/", "*.dit", "int_args.yaml", ".dit/"]));
    const pkg = JSON.parse(read(dir, "package.json")) as Record<string, unknown>;
    const version = (JSON.parse(read(repo, "packages/cli/package.json")) as { version: string }).version;
    expect(pkg).toMatchObject({ name: "my-ledger-bot", private: true, type: "module", dependencies: { "@dit/core": version } });
    expect(read(dir, "src/main.ts")).toContain('from "@dit/core"');
    expect(read(dir, "pkg/icon.svg")).toMatch(/^<svg /);
  });

  test("the fresh project validates with zero diagnostics, also with --int-args and --strict", async () => {
    const dir = await scaffold("fresh");
    const report = await dit(["validate", "--json"], dir);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ ok: true, errorCount: 0, warningCount: 0, diagnostics: [] });
    const withArgs = await dit(["validate", "--int-args", "int_args.yaml", "--strict", "--json"], dir);
    expect(withArgs.code).toBe(0);
    expect(JSON.parse(withArgs.stdout)).toMatchObject({ ok: true, errorCount: 0, warningCount: 0, diagnostics: [] });
    const human = await dit(["validate", "--int-args", "int_args.yaml"], dir);
    expect(human).toMatchObject({ code: 0, stderr: "", stdout: "✔ dit-meta.yaml and int_args.yaml are valid (1 integration type)\n" });
    // int_args.yaml is what genargs writes for the metadata.
    expect((await dit(["genargs", "-o", "-"], dir)).stdout).toBe(read(dir, "int_args.yaml"));
  });

  test("dit pack succeeds without an install (@dit/core is host-provided) and bundles src/main.ts", async () => {
    const dir = await scaffold("packed");
    const r = await dit(["pack"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✔ packed packed-0\.1\.0\.dit /);
    // The only remark: there is no DAR yet, so unqualified template names cannot be used.
    expect(r.stderr).toMatch(/^(warning: an integration without a Daml model[^\n]*\n)?$/);
    expect(entries(join(dir, "packed-0.1.0.dit"))).toEqual(expect.arrayContaining(["dabl-meta.yaml", "dit-meta.yaml", "icon.svg", "node/src/main.mjs"]));
    expect((await dit(["inspect", "packed-0.1.0.dit"], dir)).code).toBe(0);
  });

  test("src/main.ts and its test type-check against @dit/core with the scaffold's tsconfig.json", async () => {
    const dir = await scaffold("typed");
    linkDitPackages(dir);
    const tsc = await new Promise<{ code: number; out: string }>((done) =>
      execFile(process.execPath, [join(repo, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: dir },
        (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr })));
    expect(tsc).toEqual({ code: 0, out: "" });
  }, 30_000);

  // No install: `dit run DIR` provides @dit/core (the host's own copy), as Daml Hub provides the framework.
  test("dit run runs it from source without an install: the PUBLIC webhook answers JSON and counts created contracts", async () => {
    const dir = await scaffold("running");
    const standIn = await startJsonApiStandIn();
    // `*` covers every template of the packages the ledger has: give it one.
    const builder = new PackageBuilder({ name: "things", version: "1.0.0" });
    builder.module("Main").template("Thing", { owner: T.party }, { signatories: (t) => E.list(T.party, [t.field("owner")]) });
    const built = builder.buildDar();
    standIn.ledger.packages.set(built.packageId, built.dalf.bytes);
    const templateId = `${built.packageId}:Main:Thing`;
    standIn.ledger.createContract(templateId, { owner: "Alice" });
    const child = spawn(process.execPath, [join(repo, "bin/dit"), "run", dir, "--ledger-url", standIn.url, "--party", "Alice", "--port", "0", "--host", "127.0.0.1"],
      { env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (d: Buffer) => (output += d.toString());
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const exited = new Promise<number | null>((done) => child.on("exit", done));
    try {
      const base = await poll(() => /webhook: GET {2}(http:\/\/localhost:\d+)\/integration\/local\/summary {2}\(Summary\)/.exec(output)?.[1], () => output);
      const summary = async () => (await fetch(`${base}/integration/x/summary`)).json() as Promise<{ created: number; latest: unknown }>;
      expect(await pollValue(summary, (s) => s.created === 1)).toMatchObject({ party: "Alice", templateId: "*", created: 1,
        latest: { templateId, initial: true } });
      standIn.ledger.createContract(templateId, { owner: "Bob" });
      expect(await pollValue(summary, (s) => s.created === 2)).toMatchObject({ created: 2, latest: { templateId, initial: false } });
    } finally {
      child.kill("SIGTERM");
      await standIn.close();
    }
    expect(await exited).toBe(0);
  }, 40_000);

  test("--type-id and --author (quotes survive) flow into the metadata and int_args.yaml", async () => {
    const dir = await scaffold("custom", ["--name", "ledger.bot_2", "--type-id", "watcher", "--author", 'Ann "A" O\'Brien \\ Co']);
    const meta = metaOf(dir);
    expect(meta.catalog).toMatchObject({ name: "ledger.bot_2", author: 'Ann "A" O\'Brien \\ Co' });
    expect(meta.integration_types?.[0]?.id).toBe("watcher");
    expect(read(dir, "int_args.yaml")).toContain('type_id: "watcher"');
    expect((await dit(["validate", "--int-args", "int_args.yaml", "--strict"], dir)).code).toBe(0);
  });

  test("the directory's name is normalised; names YAML 1.1 would read as numbers stay strings", async () => {
    for (const [sub, name] of [["Café 1.0", "cafe-1.0"], ["2024", "2024"], ["--", "my-integration"]] as const) {
      const r = await dit(["init", "--json", "--", sub], work);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { name: string }).name).toBe(name);
      expect(metaOf(join(work, sub)).catalog.name).toBe(name);
      expect((await dit(["validate", "--int-args", "int_args.yaml", "--strict"], join(work, sub))).code).toBe(0);
    }
  });
});

describe("dit init: existing files", () => {
  test("refuses to overwrite without --force and names the files; --force overwrites them", async () => {
    const dir = await scaffold("again");
    writeFileSync(join(dir, "dit-meta.yaml"), "catalog: {name: mine, version: '1.0.0', description: mine}\n");
    const refused = await dit(["init", "again"], work);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(`dit: 9 files already exist in again: ${INTEGRATION_FILES.join(", ")}`);
    expect(refused.stderr).toContain("hint: pass --force to overwrite them");
    expect(read(dir, "dit-meta.yaml")).toContain("name: mine");

    const forced = await dit(["init", "again", "--force", "--json"], work);
    expect(forced.code).toBe(0);
    expect((JSON.parse(forced.stdout) as { overwritten: string[] }).overwritten).toEqual(INTEGRATION_FILES);
    expect(metaOf(dir).catalog.name).toBe("again");
  });

  test("a non-empty directory needs --force even without conflicts; one with only .git counts as empty", async () => {
    const dir = join(work, "busy");
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "keep me\n");
    const refused = await dit(["init"], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("is not empty (notes.txt)");
    expect((await dit(["init", "--force"], dir)).code).toBe(0);
    expect(read(dir, "notes.txt")).toBe("keep me\n");

    mkdirSync(join(work, "repo/.git"), { recursive: true });
    expect((await dit(["init", "repo"], work)).code).toBe(0);
  });
});

describe("dit init: --application, --json, usage errors", () => {
  test("--application: dit-meta.yaml (tags [application]) and pkg/ only; validates and packs", async () => {
    const r = await dit(["init", "app", "--application", "--json"], work);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const dir = join(work, "app");
    expect(JSON.parse(r.stdout)).toEqual({ dir, kind: "application", name: "app", typeId: null, files: ["dit-meta.yaml", "pkg/icon.svg"], overwritten: [] });
    const meta = metaOf(dir);
    expect(meta.catalog.tags).toEqual(["application"]);
    expect(meta.integration_types).toBeUndefined();
    const validated = await dit(["validate", "--json", "--strict"], dir);
    expect(JSON.parse(validated.stdout)).toMatchObject({ ok: true, errorCount: 0, warningCount: 0 });
    const packed = await dit(["pack"], dir);
    expect(packed).toMatchObject({ code: 0, stderr: "" });
    expect(entries(join(dir, "app-0.1.0.dit"))).toEqual(["dabl-meta.yaml", "dit-meta.yaml", "icon.svg"]);
  });

  test("--json prints only the report", async () => {
    const r = await dit(["init", "as-json", "--json"], work);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(r.stdout)).toEqual({ dir: join(work, "as-json"), kind: "integration", name: "as-json", typeId: "main",
      files: INTEGRATION_FILES, overwritten: [] });
  });

  test.each([
    ["an invalid --name", ["init", "n1", "--name", "My Bot"], '--name "My Bot" is not a valid catalog name'],
    ["--type-id with --application", ["init", "n2", "--application", "--type-id", "x"], "an application (--application) has none"],
    ["an invalid --type-id", ["init", "n3", "--type-id", "9 lives"], '--type-id "9 lives" is not a valid integration type id'],
    ["--integration with --application", ["init", "n4", "--integration", "--application"], "cannot be used with option"],
    ["DIR is a file", ["init", "package.json"], "exists and is not a directory"],
  ])("%s: exit 2, nothing written", async (_name, args, message) => {
    writeFileSync(join(work, "package.json"), "{}\n");
    const r = await dit(args, work);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
    expect(() => readFileSync(join(work, args[1]!, "dit-meta.yaml"))).toThrow();
  });

  test("an invalid --name gets a normalised suggestion; the CLI package ships its templates", async () => {
    expect((await dit(["init", "n5", "--name", "My Bot"], work)).stderr).toContain("e.g. --name my-bot");
    expect((JSON.parse(read(repo, "packages/cli/package.json")) as { files: string[] }).files).toContain("templates");
  });
});

/** What `npm install` would give the project, from this workspace: node_modules/@dit/{core,meta} and @types/node. */
function linkDitPackages(dir: string): void {
  mkdirSync(join(dir, "node_modules/@dit"), { recursive: true });
  mkdirSync(join(dir, "node_modules/@types"), { recursive: true });
  for (const name of ["core", "meta"]) symlinkSync(join(repo, "packages", name), join(dir, "node_modules/@dit", name), "dir");
  symlinkSync(join(repo, "node_modules/@types/node"), join(dir, "node_modules/@types/node"), "dir");
}

async function poll<T>(get: () => T | undefined, context: () => string, ms = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() - start > ms) throw new Error(`timed out; output so far:\n${context()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function pollValue<T>(get: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await get().catch(() => undefined);
    if ((value !== undefined && ok(value)) || Date.now() - start > ms) {
      if (value === undefined) throw new Error("no answer");
      return value;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
