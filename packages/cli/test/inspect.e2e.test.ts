// `dit inspect` end to end: DARs made with the daml-lf builder; DITs from `dit pack` and hand-built PEX-style ones.
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeZip } from "@dit/dit-file";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildDar, copyProject, dit, tamperedDar, tempDir, writeFile } from "./pack-fixtures.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const work = tempDir("dit-inspect-");
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("dit inspect FILE.dar", () => {
  const { dar, packageId } = buildDar("assets", "1.2.0");
  writeFileSync(join(work, "assets.dar"), dar);

  test("prints package id, name/version, SDK and LF versions, dependencies and templates", async () => {
    const r = await dit(["inspect", "assets.dar"], work);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain(`Main package:   ${packageId}\n`);
    expect(r.stdout).toContain("Name/Version:   assets:1.2.0\n");
    expect(r.stdout).toContain("SDK version:    2.10.4\n");
    expect(r.stdout).toContain("LF version:     1.14\n");
    expect(r.stdout).toMatch(/Dependencies \(1\):\n {3}[0-9a-f]{64} {2}assets-types-1\.2\.0 \(LF 1\.14\)\n/);
    expect(r.stdout).toContain(
      "Templates (1):\n   Assets:Asset\n      issuer: Party\n      owner: Party\n      amount: Numeric 10\n" +
      "      choice Give: Assets:Give -> ContractId Assets:Asset\n      choice Archive: Assets:Archive -> Unit\n");
  });

  test("--json has the same data", async () => {
    const r = await dit(["inspect", "--json", "assets.dar"], work);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      kind: "dar", mainPackageId: packageId, name: "assets", version: "1.2.0", sdkVersion: "2.10.4", lfVersion: "1.14",
      dependencies: [{ name: "assets-types", version: "1.2.0", lfVersion: "1.14", templateCount: 0 }],
    });
    expect(report.templates[0]).toEqual({
      templateId: `${packageId}:Assets:Asset`, module: "Assets", entity: "Asset",
      fields: [{ name: "issuer", type: "Party" }, { name: "owner", type: "Party" }, { name: "amount", type: "Numeric 10" }],
      choices: [
        { name: "Give", consuming: true, argumentType: "Assets:Give", returnType: "ContractId Assets:Asset" },
        { name: "Archive", consuming: true, argumentType: "Assets:Archive", returnType: "Unit" },
      ],
      keyType: null, implements: [],
    });
  });

  test("a DAR whose package id does not verify: exit 1 with the file named", async () => {
    writeFileSync(join(work, "tampered.dar"), tamperedDar("bad", "1.0.0"));
    const r = await dit(["inspect", "tampered.dar"], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^dit: tampered\.dar!.*\.dalf.*hash/m);
  });

  test("unreadable input exits 2: missing file, not a zip", async () => {
    expect((await dit(["inspect", "missing.dar"], work)).code).toBe(2);
    writeFileSync(join(work, "garbage.dar"), "not a zip at all");
    const r = await dit(["inspect", "garbage.dar"], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("dit: cannot read DAR garbage.dar: garbage.dar: not a valid zip archive");
    expect((await dit(["inspect"], work)).code).toBe(2);
  });
});

describe("dit inspect FILE.dit", () => {
  let appDit: string;
  let appPackageId: string;
  beforeAll(async () => {
    const app = copyProject("application", work);
    const built = buildDar("dit-sample-app", "1.2.0");
    appPackageId = built.packageId;
    writeFile(join(app, ".daml/dist/dit-sample-app-1.2.0.dar"), built.dar);
    expect((await dit(["pack", "-o", join(work, "app.dit")], app)).code).toBe(0);
    appDit = join(work, "app.dit");
    const int = copyProject("integration", work);
    writeFile(join(int, "timer.dar"), buildDar("dit-sample-timer", "0.3.0").dar);
    expect((await dit(["pack", "--dar", "timer.dar", "-o", join(work, "int.dit")], int)).code).toBe(0);
  });

  test("our application DIT: hash, catalog, model, subdeployments with size and sha256", async () => {
    const bytes = readFileSync(appDit);
    const r = await dit(["inspect", "app.dit"], work);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(new RegExp(`^Artifact hash: {2}${sha256(bytes)}\nFile: {11}app\\.dit \\(${bytes.length} bytes, 7 entries, zip\\)\n`));
    expect(r.stdout).toContain("Package Catalog:\n   name : dit-sample-app\n   version : 1.2.0\n");
    expect(r.stdout).toContain("   tags : [\"application\", \"dabl-sample-app\"]\n");
    expect(r.stdout).toContain(`Daml Model:\n   Name/Version: dit-sample-app:1.2.0\n   Package ID: ${appPackageId}\n`);
    const ui = Buffer.from("PK\u0005\u0006" + "\u0000".repeat(18), "latin1");
    expect(r.stdout).toContain(`Subdeployments:\n   ui.zip (22 bytes, ${sha256(ui)})\n   bot.tar.gz (55 bytes, `);
    expect(r.stdout).not.toContain("Integration Types");
    expect(r.stdout).not.toContain("warning");
  });

  test("--json: the same data", async () => {
    const r = await dit(["inspect", "--json", "app.dit"], work);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      kind: "dit", artifactHash: sha256(readFileSync(appDit)), format: "zip", prefix: null, ok: true,
      metadataNames: ["dit-meta.yaml", "dabl-meta.yaml"], metadataConsistent: true, iconFile: "icon.svg", iconPresent: true,
      catalog: { name: "dit-sample-app", version: "1.2.0", release_date: null, tags: ["application", "dabl-sample-app"] },
      damlModel: { name: "dit-sample-app", version: "1.2.0", main_package_id: appPackageId },
      integrationTypes: [],
    });
    expect(report.subdeployments.map((s: { name: string; missing: boolean }) => [s.name, s.missing]))
      .toEqual([["ui.zip", false], ["bot.tar.gz", false], ["dit-sample-app-1.2.0.dar", false]]);
  });

  test("our integration DIT: types with runtime and fields", async () => {
    const r = await dit(["inspect", "int.dit"], work);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Integration Types:\n   timer - Timer  (runtime: node-dit, entrypoint: node/src/main.mjs:integration)\n" +
      '      interval: text (default "1s")  Interval\n   echo - Echo  (runtime: node-dit, entrypoint: node/src/echo.mjs:integration)\n');
    const json = JSON.parse((await dit(["inspect", "int.dit", "--json"], work)).stdout);
    expect(json.integrationTypes[0]).toEqual({
      id: "timer", name: "Timer", runtime: "node-dit", entrypoint: "node/src/main.mjs:integration",
      fields: [{ id: "interval", name: "Interval", field_type: "text", required: true, default_value: "1s" }],
    });
  });

  test("a DIT made by the original tooling: a PEX (shebang + zip), flow-style tagged metadata", async () => {
    const dar = buildDar("dabl-integration-core", "1.2.3");
    const files = [
      { path: "__main__.py", data: Buffer.from("import sys\n") },
      { path: "PEX-INFO", data: Buffer.from('{"entry_point": "daml_dit_if.main:main"}') },
      { path: ".deps/dazl-7.11.0-py3-none-any.whl/dazl/__init__.py", data: Buffer.from("") },
      { path: "core_int/__init__.py", data: Buffer.from("") },
      { path: "dit-meta.yaml", data: Buffer.from(dditMetadata(dar.packageId)) },
      { path: "dabl-meta.yaml", data: Buffer.from(dditMetadata(dar.packageId)) },
      { path: "dabl-integration-core-1.2.3.dar", data: dar.dar },
      { path: "icon.png", data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
    ];
    writeFileSync(join(work, "core.dit"), writeZip(files, { prefix: "#!/usr/bin/env python3\n" }));
    const r = await dit(["inspect", "core.dit"], work);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1); // one subdeployment is missing
    expect(r.stdout).toMatch(/File: {11}core\.dit \(\d+ bytes, 8 entries, PEX: #!\/usr\/bin\/env python3\)/);
    expect(r.stdout).toContain("   release_date : 2024-01-02\n");
    expect(r.stdout).toContain("   experimental : false\n");
    expect(r.stdout).toContain(`Daml Model:\n   Name/Version: dabl-integration-core:1.2.3\n   Package ID: ${dar.packageId}\n`);
    expect(r.stdout).toContain("   loopback - Loopback  (runtime: python-direct-hub-if, entrypoint: core_int.integration_loopback:main)\n");
    expect(r.stdout).toContain(`   dabl-integration-core-1.2.3.dar (${dar.dar.length} bytes, ${sha256(dar.dar)})\n   bot.tar.gz (MISSING)\n`);
    const json = JSON.parse((await dit(["inspect", "--json", "core.dit"], work)).stdout);
    expect(json).toMatchObject({ format: "pex", prefix: "#!/usr/bin/env python3", ok: false, iconPresent: true });
    expect(json.catalog).toMatchObject({ name: "dabl-integration-core", version: "1.0.1", release_date: "2024-01-02" });
  });

  test("not a DIT: a zip without metadata exits 1, bytes that are no zip exit 2", async () => {
    writeFileSync(join(work, "plain.dit"), writeZip([{ path: "hello.txt", data: Buffer.from("hi") }]));
    const r = await dit(["inspect", "plain.dit"], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("dit: plain.dit: not a DIT file: it has neither dit-meta.yaml nor dabl-meta.yaml at its root\n");
    writeFileSync(join(work, "garbage.dit"), "#!/bin/sh\nnot a zip\n");
    const g = await dit(["inspect", "garbage.dit"], work);
    expect(g.code).toBe(2);
    expect(g.stderr).toBe("dit: garbage.dit: not a valid zip archive: no end-of-central-directory record\n");
  });
});

/** Metadata as ddit 0.7.0 writes it: one flow mapping, sorted keys, every scalar quoted, explicit tags. */
function dditMetadata(packageId: string): string {
  return `{"catalog": {"author": "Digital Asset", "demo_url": !!null "null", "description": "The core pack\\n",
  "dit_if_requirement": !!null "null", "email": !!null "null", "experimental": !!bool "false", "group_id": "com.digitalasset",
  "icon_file": "icon.png", "license": "Apache-2.0", "name": "dabl-integration-core", "release_date": !!timestamp "2024-01-02",
  "short_description": "Core Pack", "source_url": !!null "null", "tags": ["integration"], "url": !!null "null",
  "version": "1.0.1"}, "daml_model": {"main_package_id": "${packageId}", "name": "dabl-integration-core", "version": "1.2.3"},
  "integration_types": [{"artifact_hash": !!null "null", "description": "Loops back", "entrypoint": "core_int.integration_loopback:main",
  "env_class": !!null "null", "fields": [{"default_value": !!null "null", "description": "Template", "field_context": !!null "null",
  "field_type": "contract_template", "help_url": !!null "null", "id": "templateFilter", "name": "Template", "required": !!bool "true",
  "tags": []}], "help_url": !!null "null", "id": "loopback", "instance_template": !!null "null", "name": "Loopback",
  "runtime": "python-direct-hub-if", "tags": []}], "integrations": !!null "null", "subdeployments": ["dabl-integration-core-1.2.3.dar",
  "bot.tar.gz"]}
`;
}
