// Compatibility with the original Python metadata model: daml-dit-api 0.5.0 (with dacite and PyYAML, the versions
// of ddit's lock) from PyPI, in a virtualenv cached under .cache/ (git-ignored). Its own classes must accept the
// dit-meta.yaml of every DIT `dit pack` writes, and `dit inspect` must show the same catalog values.
// No network for PyPI fails this test, with pip's reason: it is a CI check, not an optional one.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDit } from "@dit/dit-file";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensurePythonVenv, ORIGINAL_TOOLING, runProcess as run } from "../../../scripts/testing/python-venv.js";
import { buildDar, copyProject, dit, tempDir, writeFile } from "./pack-fixtures.js";

const work = tempDir("dit-pycompat-");
afterAll(() => rmSync(work, { recursive: true, force: true }));
let python = "";

// Reads each file the way the original tooling does: yaml.safe_load, then dacite.from_dict into PackageMetadata
// (strict: no key the dataclasses do not know). Checks that the content is already normalised, and prints the catalog.
const CHECK = `
import dataclasses, datetime, json, sys
import dacite, yaml
from daml_dit_api.package_metadata import PackageMetadata, normalize_package_metadata
out = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    for strict in (False, True):
        meta = dacite.from_dict(data_class=PackageMetadata, data=data, config=dacite.Config(strict=strict))
    date = meta.catalog.release_date
    assert date is None or type(date) is datetime.date, f"release_date is {type(date)}"
    assert normalize_package_metadata(meta) == meta, "the metadata is not in normalised form"
    catalog = dataclasses.asdict(meta.catalog)
    catalog["release_date"] = date.isoformat() if date else None
    out.append({"catalog": catalog, "subdeployments": list(meta.subdeployments or []),
                "daml_model": dataclasses.asdict(meta.daml_model) if meta.daml_model else None,
                "types": [[t.id, t.runtime, t.entrypoint, len(t.fields)] for t in meta.integration_types or []]})
print(json.dumps(out))
`;

describe("daml-dit-api 0.5.0 reads what dit pack writes", () => {
  const dits: string[] = [];
  beforeAll(async () => {
    const venvReady = ensurePythonVenv(ORIGINAL_TOOLING).then((p) => { python = p; }, (error: unknown) => error);
    const app = copyProject("application", work);
    writeFile(join(app, ".daml/dist/dit-sample-app-1.2.0.dar"), buildDar("dit-sample-app", "1.2.0").dar);
    const int = copyProject("integration", work);
    writeFile(join(int, "timer.dar"), buildDar("dit-sample-timer", "0.3.0").dar);
    const packs: Array<[string[], string, Record<string, string>]> = [
      [["pack", "-o", join(work, "app.dit")], app, {}],
      [["pack", "-o", join(work, "app-dated.dit")], app, { SOURCE_DATE_EPOCH: "1714567890" }],
      [["pack", "--dar", "timer.dar", "-o", join(work, "int.dit")], int, {}],
      [["pack", "--dar", "timer.dar", "-o", join(work, "int-1970.dit")], int, { SOURCE_DATE_EPOCH: "0" }],
    ];
    for (const [args, cwd, env] of packs) {
      const r = await dit(args, cwd, env);
      if (r.code !== 0) throw new Error(`dit ${args.join(" ")} failed: ${r.stderr}`);
      dits.push(args[args.indexOf("-o") + 1] as string);
    }
    const failure = await venvReady;
    if (failure) throw failure;
  }, 120_000);

  test("yaml.safe_load + dacite.from_dict(PackageMetadata) accept both metadata files of every DIT", async () => {
    const files: string[] = [];
    for (const file of dits) {
      const d = openDit(readFileSync(file), file);
      for (const name of ["dit-meta.yaml", "dabl-meta.yaml"]) {
        const out = join(work, `${file.split("/").pop()}.${name}`);
        writeFileSync(out, d.zip.read(d.zip.files.get(name)!));
        files.push(out);
      }
    }
    const r = await run(python, ["-c", CHECK, ...files]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as Array<{ catalog: Record<string, unknown>; daml_model: unknown; types: unknown[][] }>;
    expect(parsed).toHaveLength(8);
    expect(parsed.map((p) => p.catalog.release_date)).toEqual([null, null, "2024-05-01", "2024-05-01", null, null, "1970-01-01", "1970-01-01"]);
    expect(parsed[4]?.types).toEqual([["timer", "node-dit", "node/src/main.mjs:integration", 1], ["echo", "node-dit", "node/src/echo.mjs:integration", 0]]);
    expect(parsed[6]?.daml_model).toMatchObject({ name: "dit-sample-timer", version: "0.3.0" });

    // dit inspect shows the catalog values Python reads.
    for (const [i, file] of dits.entries()) {
      const report = JSON.parse((await dit(["inspect", "--json", file], work)).stdout) as { catalog: Record<string, unknown> };
      expect(report.catalog).toEqual(parsed[i * 2]?.catalog);
    }
  });
});
