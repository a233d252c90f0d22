// `dit pack` end to end on the fixture projects (DARs made at test time with the daml-lf builder).
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { extractDit, openDit } from "@dit/dit-file";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { buildDar, copyProject, dit, tamperedDar, tempDir, writeFile } from "./pack-fixtures.js";

const work = tempDir("dit-pack-");
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const entries = (file: string) => [...openDit(readFileSync(file), file).zip.files.keys()];
interface EmbeddedMetadata {
  catalog: Record<string, unknown>;
  subdeployments: string[];
  daml_model: unknown;
  integration_types: Array<Record<string, unknown> & { fields: Record<string, unknown>[] }>;
}
const metadataOf = (file: string): EmbeddedMetadata => {
  const d = openDit(readFileSync(file), file);
  const texts = ["dit-meta.yaml", "dabl-meta.yaml"].map((n) => d.zip.read(d.zip.files.get(n)!).toString("utf8"));
  expect(texts[0]).toBe(texts[1]);
  return parse(texts[0]!, { version: "1.1" }) as EmbeddedMetadata;
};

/** The application fixture with its DAR where `daml build` would put it. */
function applicationProject(into = tempDir("dit-app-")): { dir: string; packageId: string } {
  const dir = copyProject("application", into);
  const { dar, packageId } = buildDar("dit-sample-app", "1.2.0");
  writeFile(join(dir, ".daml/dist/dit-sample-app-1.2.0.dar"), dar);
  return { dir, packageId };
}

describe("dit pack: application", () => {
  let app: { dir: string; packageId: string };
  beforeAll(() => {
    app = applicationProject(work);
  });

  test("writes {name}-{version}.dit with the entries, metadata and hash it prints", async () => {
    const r = await dit(["pack"], app.dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const file = join(app.dir, "dit-sample-app-1.2.0.dit");
    const bytes = readFileSync(file);
    expect(r.stdout).toMatch(/^✔ packed dit-sample-app-1\.2\.0\.dit \(7 entries, \d+ ms\)\n/);
    expect(r.stdout).toContain(`  size:   ${bytes.length} bytes\n  sha256: ${sha256(bytes)}\n`);
    expect(entries(file)).toEqual([
      "README.txt", "bot.tar.gz", "dabl-meta.yaml", "dit-meta.yaml", "dit-sample-app-1.2.0.dar", "icon.svg", "ui.zip",
    ]);
    const meta = metadataOf(file);
    expect(meta).toEqual({
      catalog: {
        name: "dit-sample-app", version: "1.2.0",
        description: "An application DIT: a Daml model, a UI bundle and a bot, deployed together.\n",
        release_date: null, author: "dit authors", url: null, email: null, license: "Apache-2.0", experimental: false,
        demo_url: null, source_url: null, tags: ["application", "dabl-sample-app"], short_description: "A sample application",
        group_id: null, icon_file: "icon.svg", dit_if_requirement: null,
      },
      subdeployments: ["ui.zip", "bot.tar.gz", "dit-sample-app-1.2.0.dar"],
      daml_model: { name: "dit-sample-app", version: "1.2.0", main_package_id: app.packageId },
      integration_types: [],
      integrations: null,
    });
  });

  test("refuses to overwrite without --force", async () => {
    const r = await dit(["pack"], app.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("dit: dit-sample-app-1.2.0.dit already exists\n  hint: pass --force to overwrite it\n");
    expect((await dit(["pack", "--force"], app.dir)).code).toBe(0);
  });

  test("reproducible: repeat packs and packs of a copy elsewhere are byte-identical", async () => {
    const a = await dit(["pack", "-o", join(work, "a.dit")], app.dir);
    const b = await dit(["pack", "-o", join(work, "b.dit")], app.dir);
    const elsewhere = tempDir("dit-app-copy-");
    cpSync(app.dir, join(elsewhere, "x"), { recursive: true });
    const c = await dit(["pack", "-o", join(work, "c.dit"), "x"], elsewhere);
    expect([a.code, b.code, c.code]).toEqual([0, 0, 0]);
    const bytes = readFileSync(join(work, "a.dit"));
    expect(readFileSync(join(work, "b.dit")).equals(bytes)).toBe(true);
    expect(readFileSync(join(work, "c.dit")).equals(bytes)).toBe(true);
    // Fixed timestamp 1980-01-01 00:00 (DOS date 0x0021, time 0) in the first local header.
    expect([bytes.readUInt16LE(10), bytes.readUInt16LE(12)]).toEqual([0, 0x21]);
    rmSync(elsewhere, { recursive: true, force: true });
  });

  test("SOURCE_DATE_EPOCH sets the entry timestamps and release_date; --release-date wins", async () => {
    const env = { SOURCE_DATE_EPOCH: "1714567890" }; // 2024-05-01T12:51:30Z
    expect((await dit(["pack", "-o", join(work, "e1.dit")], app.dir, env)).code).toBe(0);
    expect((await dit(["pack", "-o", join(work, "e2.dit")], app.dir, env)).code).toBe(0);
    const bytes = readFileSync(join(work, "e1.dit"));
    expect(readFileSync(join(work, "e2.dit")).equals(bytes)).toBe(true);
    expect(bytes.readUInt16LE(12)).toBe(((2024 - 1980) << 9) | (5 << 5) | 1);
    expect(bytes.readUInt16LE(10)).toBe((12 << 11) | (51 << 5) | 15);
    const text = openDit(bytes, "e1.dit").metadataText;
    expect(text).toContain("\n  release_date: 2024-05-01\n");
    expect(metadataOf(join(work, "e1.dit")).catalog.release_date).toEqual(new Date("2024-05-01T00:00:00Z"));
    expect((await dit(["pack", "-o", join(work, "e3.dit"), "--release-date", "2023-02-03"], app.dir, env)).code).toBe(0);
    expect(openDit(readFileSync(join(work, "e3.dit")), "e3").metadataText).toContain("release_date: 2023-02-03\n");
    expect((await dit(["pack", "-o", join(work, "e4.dit"), "--release-date", "May 1"], app.dir)).code).toBe(2);
    expect((await dit(["pack", "-o", join(work, "e5.dit")], app.dir, { SOURCE_DATE_EPOCH: "soon" })).code).toBe(2);
  });

  test("--dar and --subdeployment: repeats accumulate, duplicates collapse, the model DAR is listed once", async () => {
    const dir = copyProject("application", tempDir("dit-app-flags-"));
    const { dar, packageId } = buildDar("other-model", "2.0.0");
    writeFile(join(dir, "models/other-model-2.0.0.dar"), dar);
    writeFile(join(dir, "extra/a.txt"), "a\n");
    writeFile(join(dir, "extra/b.txt"), "b\n");
    const meta = readFileSync(join(dir, "dit-meta.yaml"), "utf8").replace("  - bot.tar.gz\n", "  - bot.tar.gz\n  - other-model-2.0.0.dar\n");
    writeFileSync(join(dir, "dit-meta.yaml"), meta);
    const r = await dit(["pack", "--dar", "models/other-model-2.0.0.dar", "--subdeployment", "extra/a.txt",
      "--subdeployment", "extra/b.txt", "--subdeployment", "extra/a.txt", "-o", "out.dit"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const m = metadataOf(join(dir, "out.dit"));
    expect(m.subdeployments).toEqual(["ui.zip", "bot.tar.gz", "other-model-2.0.0.dar", "a.txt", "b.txt"]);
    expect(m.daml_model).toEqual({ name: "other-model", version: "2.0.0", main_package_id: packageId });
    expect(entries(join(dir, "out.dit"))).toContain("a.txt");
  });
});

describe("dit pack: every error is its own message, exit 1", () => {
  const cases: Array<[string, (dir: string) => void, RegExp, string[]?]> = [
    ["invalid metadata (the diagnostics of dit validate)", (d) => edit(d, (t) => t.replace("version: 1.2.0", "version: 1.0")),
      /dit-meta\.yaml:3:12 {2}error {2}catalog\.version must be a string[\s\S]*dit: not packing: the metadata has 1 error/],
    ["a subdeployment that is not there", (d) => rmSync(join(d, "pkg/ui.zip")),
      /^dit: subdeployment "ui\.zip" is not in the DIT\n {2}hint: put ui\.zip in pkg\/, or pass --subdeployment PATH/],
    ["an icon that is not there", (d) => rmSync(join(d, "pkg/icon.svg")),
      /^dit: icon_file "icon\.svg" is not there: looked in pkg\/icon\.svg and icon\.svg\n/],
    ["a pkg/ file named like a metadata file", (d) => writeFile(join(d, "pkg/dabl-meta.yaml"), "catalog: {}\n"),
      /^dit: pkg\/dabl-meta\.yaml has the name of a metadata file; it would replace the metadata dit pack writes\n/],
    ["a pkg/ subdirectory, with advice", (d) => writeFile(join(d, "pkg/assets/logo.png"), "x"),
      /^dit: pkg\/assets is a directory; pkg\/ must be flat .*\n {2}hint: move the files of pkg\/assets\/ up into pkg\/, or zip the directory/],
    ["a corrupt DAR", (d) => writeFile(join(d, ".daml/dist/dit-sample-app-1.2.0.dar"), "PK\u0003\u0004 garbage"),
      /^dit: cannot read DAR \.daml\/dist\/dit-sample-app-1\.2\.0\.dar: .*not a valid zip archive/],
    ["a DAR whose package id does not verify", (d) => writeFile(join(d, ".daml/dist/dit-sample-app-1.2.0.dar"), tamperedDar("dit-sample-app", "1.2.0")),
      /^dit: \.daml\/dist\/dit-sample-app-1\.2\.0\.dar!.*\.dalf.*hash.*\n {2}hint: the DAR was modified after it was built/],
    ["daml.yaml whose DAR was not built", (d) => rmSync(join(d, ".daml"), { recursive: true }),
      /^dit: daml\.yaml builds \.daml\/dist\/dit-sample-app-1\.2\.0\.dar, which is not there\n {2}hint: run `daml build` first/],
    ["a --subdeployment file that is not there", () => undefined, /^dit: the subdeployment file nope\.tgz is not there\n/, ["--subdeployment", "nope.tgz"]],
    ["a --dar file that is not there", () => undefined, /^dit: the DAR nope\.dar given with --dar is not there\n/, ["--dar", "nope.dar"]],
  ];
  test.each(cases)("%s", async (_name, breakIt, message, args = []) => {
    const { dir } = applicationProject();
    breakIt(dir);
    const r = await dit(["pack", ...args], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(readdirSync(dir).filter((f) => f.includes(".dit"))).toEqual([]);
  });
});

function edit(dir: string, change: (text: string) => string): void {
  const file = join(dir, "dit-meta.yaml");
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

describe("dit pack: integration", () => {
  let dir: string;
  let packageId: string;
  beforeAll(() => {
    dir = copyProject("integration", work);
    const built = buildDar("dit-sample-timer", "0.3.0");
    packageId = built.packageId;
    writeFile(join(dir, "models/timer.dar"), built.dar);
  });

  test("bundles entrypoints and env_class with their npm dependency, sets runtime node-dit", async () => {
    const r = await dit(["pack", "--dar", "models/timer.dar"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const file = join(dir, "dit-sample-timer-0.3.0-rc.1.dit");
    const names = entries(file);
    expect(names.filter((n) => !n.startsWith("node/chunks/"))).toEqual([
      "dabl-meta.yaml", "dit-meta.yaml", "node/src/echo.mjs", "node/src/echo.mjs.map", "node/src/env.mjs", "node/src/env.mjs.map",
      "node/src/main.mjs", "node/src/main.mjs.map", "timer.dar",
    ]);
    const meta = metadataOf(file);
    expect(meta.integration_types.map((t) => [t.id, t.runtime, t.entrypoint, t.env_class, t.instance_template])).toEqual([
      ["timer", "node-dit", "node/src/main.mjs:integration", "node/src/env.mjs:TimerEnv", `${packageId}:Assets:Asset`],
      ["echo", "node-dit", "node/src/echo.mjs:integration", null, null],
    ]);
    expect(meta.integration_types[0]?.fields[0]).toEqual({
      id: "interval", name: "Interval", description: "How often to tick", field_type: "text", help_url: null,
      default_value: "1s", required: true, tags: [], field_context: null,
    });

    // The bundle runs from an extracted copy: `ms` is inside it, the shared module is one chunk.
    const { dir: extracted } = extractDit(file, join(work, "cache"));
    const main = await import(pathToFileURL(join(extracted, "node/src/main.mjs")).href);
    const env = await import(pathToFileURL(join(extracted, "node/src/env.mjs")).href);
    expect(main.integration(new env.TimerEnv())).toEqual({ intervalMs: 1000, label: "dit-sample-timer/timer" });
    expect(main.integration({ interval: "2m" }).intervalMs).toBe(120_000);
    expect(readFileSync(join(extracted, "node/src/main.mjs"), "utf8")).not.toContain("/tmp/");
  });

  test("without --dar or daml.yaml: the one DAR at the project root is the model; two DARs are ambiguous", async () => {
    const rooted = copyProject("integration", join(work, "rooted"));
    writeFile(join(rooted, "timer.dar"), readFileSync(join(dir, "models/timer.dar")));
    rmSync(join(rooted, "models"), { recursive: true, force: true });
    const r = await dit(["pack", "-o", "rooted.dit"], rooted);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("without a Daml model");
    expect(metadataOf(join(rooted, "rooted.dit")).integration_types[0]?.instance_template).toBe(`${packageId}:Assets:Asset`);
    writeFile(join(rooted, "other.dar"), readFileSync(join(dir, "models/timer.dar")));
    const two = await dit(["pack", "-o", "two.dit", "--force"], rooted);
    expect(two.code).toBe(1);
    expect(two.stderr).toMatch(/several DARs \(other\.dar, timer\.dar\); which is the Daml model\?/);
  });

  test("byte-identical repeat packs", async () => {
    expect((await dit(["pack", "--dar", "models/timer.dar", "-o", "one.dit"], dir)).code).toBe(0);
    expect((await dit(["pack", "--dar", "models/timer.dar", "-o", "two.dit"], dir)).code).toBe(0);
    expect(readFileSync(join(dir, "one.dit")).equals(readFileSync(join(dir, "two.dit")))).toBe(true);
  });

  test("host-provided modules stay external, and the self-check resolves them from the CLI's install", async () => {
    const host = copyProject("integration", tempDir("dit-int-host-"));
    writeFile(join(host, "src/echo.js"), 'import * as core from "@dit/core";\nimport types from "@daml/types";\nimport Ledger from "@daml/ledger";\n' +
      "export function integration() { return [typeof core, typeof types, typeof Ledger]; }\n");
    writeFile(join(host, "models/timer.dar"), buildDar("dit-sample-timer", "0.3.0").dar);
    const r = await dit(["pack", "--dar", "models/timer.dar"], host);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const d = openDit(readFileSync(join(host, "dit-sample-timer-0.3.0-rc.1.dit")), "x");
    const echo = d.zip.read(d.zip.files.get("node/src/echo.mjs")!).toString("utf8");
    expect(echo).toContain('import * as core from "@dit/core";\nimport types from "@daml/types";\nimport Ledger from "@daml/ledger";');
  });

  test("a failed self-check (the bundle lacks the named export) deletes the output and exits 1", async () => {
    const broken = copyProject("integration", tempDir("dit-int-broken-"));
    edit(broken, (t) => t.replace("src/main.ts:integration", "src/main.ts:integrate"));
    writeFile(join(broken, "models/timer.dar"), buildDar("dit-sample-timer", "0.3.0").dar);
    const r = await dit(["pack", "--dar", "models/timer.dar"], broken);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "dit: self-check of dit-sample-timer-0.3.0-rc.1.dit failed, so it was not written:\n" +
      '  integration type timer: entrypoint src/main.ts:integrate: the bundle exports no function "integrate" (it exports integration)\n');
    expect(readdirSync(broken).filter((f) => f.includes(".dit"))).toEqual([]);
  });

  test("an entrypoint module that is not there; an import that does not resolve", async () => {
    const broken = copyProject("integration", tempDir("dit-int-missing-"));
    edit(broken, (t) => t.replace("echo:integration", "nothere:integration"));
    const r = await dit(["pack"], broken);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^dit: cannot find the module "nothere" of an entrypoint or env_class\n {2}hint: looked for it as a path and as a dotted module name .* in .* and its src\//);
    rmSync(join(broken, "node_modules"), { recursive: true });
    edit(broken, (t) => t.replace("nothere:integration", "echo:integration"));
    const r2 = await dit(["pack"], broken);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('bundling the integration failed:\n  src/main.ts:2:16: Could not resolve "ms"');
    expect(existsSync(join(broken, "dit-sample-timer-0.3.0-rc.1.dit"))).toBe(false);
  });
});
