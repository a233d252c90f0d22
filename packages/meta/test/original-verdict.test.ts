// dit must never accept what the original tooling rejects. Every metadata and int_args fixture is also judged by
// the original stack (PyYAML safe_load + dacite.from_dict into daml-dit-api 0.5.0's dataclasses, then ddit's
// catalog and semver checks), installed from PyPI into a cached virtualenv. Where dit rejects a file the original
// accepts, every error must come from a rule that dit adds on purpose (STRICTER, each explained below).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { ensurePythonVenv, ORIGINAL_TOOLING, runProcess } from "../../../scripts/testing/python-venv.js";
import { loadMetadata, validateIntArgsText, validateMetadataText } from "../src/index.js";

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), "../../../fixtures");

/** Rules that reject what the original accepts, and why dit does so. */
const STRICTER: Record<string, string> = {
  "meta/list-type": "a bare string passes dacite's List[str] check and is then mangled character by character",
  "meta/field-type": "Hub's console cannot render malformed enum:/contract_choice: JSON",
  "meta/default-value": "a default the field type rejects is a broken form in Hub's console",
  "meta/entrypoint-format": "the original fails at run time (Malformed symbol), not at load",
  "meta/env-class-format": "the same, for env_class",
  "meta/instance-template": "ddit crashes at build time on other colon counts and rejects *",
  "meta/icon-file": "Hub shows only PNG and SVG icons",
  "meta/duplicate-field-id": "two fields would share one int_args key",
  "yaml/alias-limit": "PyYAML shares alias targets; dit caps expansion against alias bombs",
  "yaml/too-large": "dit caps document size",
  "args/invalid-value": "the original runtime coerces by env_class annotation at start and exits 9 then",
  "args/missing-required": "the original exits 9 at start (MissingValueError) when env_class declares the field",
  "args/type-id": "the original raises at start when no type id is given",
  "args/unknown-type": "the original exits 9 at start (No integration of type)",
};

const JUDGE = `
import json, sys
import dacite, semver, yaml
from daml_dit_api.package_metadata import PackageMetadata
from daml_dit_api.integration_runtime_spec import IntegrationRuntimeSpec
kind = sys.argv[1]
verdicts = {}
for path in sys.argv[2:]:
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
        if kind == "meta":
            meta = dacite.from_dict(data_class=PackageMetadata, data=data)
            if meta.catalog is None:
                raise ValueError("Missing catalog information in project metadata file.")
            semver.Version.parse(meta.catalog.version)
        else:
            dacite.from_dict(data_class=IntegrationRuntimeSpec, data=data)
        verdicts[path] = "ok"
    except Exception as e:
        verdicts[path] = type(e).__name__ + ": " + str(e).splitlines()[0] if str(e) else type(e).__name__
print(json.dumps(verdicts))
`;

let python = "";
beforeAll(async () => {
  python = await ensurePythonVenv(ORIGINAL_TOOLING);
}, 180_000);

async function originalVerdicts(kind: "meta" | "args", files: string[]): Promise<Record<string, string>> {
  const r = await runProcess(python, ["-c", JUDGE, kind, ...files]);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as Record<string, string>;
}

function compare(file: string, original: string, ours: { ok: boolean; diagnostics: Array<{ severity: string; rule: string }> }) {
  const errors = ours.diagnostics.filter((d) => d.severity === "error").map((d) => d.rule);
  if (original !== "ok") {
    expect(ours.ok, `${file}: the original rejects it (${original}); dit accepts it`).toBe(false);
  } else if (!ours.ok) {
    const unexplained = errors.filter((rule) => !(rule in STRICTER));
    expect(unexplained, `${file}: the original accepts it; dit rejects it with rules not in STRICTER`).toEqual([]);
  }
}

describe("metadata fixtures: dit rejects everything the original rejects", () => {
  const files = ["valid", "invalid"].flatMap((kind) =>
    readdirSync(join(fixtures, "meta", kind)).sort().map((name) => join(fixtures, "meta", kind, name)));
  test("all fixtures", async () => {
    const verdicts = await originalVerdicts("meta", files);
    for (const file of files) {
      compare(file, verdicts[file]!, validateMetadataText(readFileSync(file, "utf8"), { file, limits: limitsOf(file) }));
    }
    // The original's verdict on the valid fixtures is "ok" too: they are valid to both.
    for (const file of files.filter((f) => f.includes("/valid/"))) expect(verdicts[file], file).toBe("ok");
    // And it does reject the classic traps, so this comparison has teeth.
    for (const trap of ["version-float", "release-date-quoted", "default-value-int", "experimental-quoted", "fields-missing"]) {
      expect(verdicts[join(fixtures, "meta/invalid", `${trap}.yaml`)]).toMatch(/WrongTypeError|MissingValueError/);
    }
  }, 60_000);
});

describe("int_args fixtures: dit rejects everything the original rejects", () => {
  const files = readdirSync(join(fixtures, "int-args")).sort().map((name) => join(fixtures, "int-args", name));
  test("all fixtures", async () => {
    const metadata = loadMetadata(join(fixtures, "meta/valid/integration-types.yaml")).metadata!;
    const verdicts = await originalVerdicts("args", files);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const type = /^# type: (.*)$/m.exec(text)?.[1];
      compare(file, verdicts[file]!, validateIntArgsText(text, metadata, { file, ...(type ? { typeId: type } : {}) }));
    }
    expect(verdicts[join(fixtures, "int-args/value-not-string.yaml")]).toMatch(/WrongTypeError/);
  }, 60_000);
});

function limitsOf(file: string): { maxBytes?: number } {
  const match = /^# limits: maxBytes=(\d+)$/m.exec(readFileSync(file, "utf8"));
  return match ? { maxBytes: Number(match[1]) } : {};
}
