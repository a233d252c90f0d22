// `dit inspect` end to end: DARs made with the daml-lf builder; DITs from `dit pack` and hand-built PEX-style ones.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { buildDar, dit, tamperedDar, tempDir } from "./pack-fixtures.js";

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
