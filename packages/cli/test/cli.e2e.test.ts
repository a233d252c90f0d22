// End-to-end: spawn bin/dit (the built CLI, as users run it) and assert output and exit codes.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const fixtures = join(repo, "fixtures");
const work = mkdtempSync(join(tmpdir(), "dit-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Result { code: number; stdout: string; stderr: string }

function dit(args: string[], cwd = fixtures, env: Record<string, string> = {}): Promise<Result> {
  return new Promise((done) => {
    execFile(process.execPath, [join(repo, "bin/dit"), ...args], { cwd, env: { PATH: process.env.PATH ?? "", ...env } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

describe("dit validate", () => {
  test("a valid file: exit 0 and a verdict line", async () => {
    const r = await dit(["validate", "meta/valid/integration-types.yaml"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toBe("✔ meta/valid/integration-types.yaml is valid (4 integration types)\n");
  });

  test("an invalid file: the issue's line format, a code frame, exit 1", async () => {
    const r = await dit(["validate", "meta/invalid/version-float.yaml"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'meta/invalid/version-float.yaml:4:12  error  catalog.version must be a string, but YAML 1.1 reads 1.0 as a number: quote it as "1.0"  (meta/version-type)\n' +
      "    3 |   name: float-version\n" +
      "  > 4 |   version: 1.0\n" +
      "      |            ^^^\n\n" +
      "✖ meta/invalid/version-float.yaml: 1 error, 0 warnings\n",
    );
  });

  test("a YAML syntax error reports line and column and a hint", async () => {
    const r = await dit(["validate", "meta/invalid/yaml-colon-in-description.yaml"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("meta/invalid/yaml-colon-in-description.yaml:4:16  error  mapping values are not allowed here");
    expect(r.stdout).toContain('hint: a plain value may not contain ": "; quote the whole value');
  });

  test("--json gives the same diagnostics as data", async () => {
    const r = await dit(["validate", "--json", "meta/invalid/unknown-keys.yaml"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; warningCount: number; diagnostics: Array<Record<string, unknown>> };
    expect(report.ok).toBe(true);
    expect(report.warningCount).toBe(3);
    expect(report.diagnostics[0]).toEqual({
      severity: "warning", rule: "meta/unknown-key", file: "meta/invalid/unknown-keys.yaml", path: "/catalog/short_desc",
      line: 8, col: 3, endLine: 8, endCol: 13,
      message: 'unknown key "catalog.short_desc" is not part of the metadata schema and is ignored; did you mean "short_description"?',
    });
  });

  test("--format github prints one workflow-command annotation per finding, values escaped", async () => {
    const r = await dit(["validate", "--format", "github", "meta/invalid/unknown-keys.yaml"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(
      '::warning file=meta/invalid/unknown-keys.yaml,line=8,col=3,endLine=8,endColumn=13,title=meta/unknown-key::' +
      'unknown key "catalog.short_desc" is not part of the metadata schema and is ignored; did you mean "short_description"?');
    expect(r.stdout.trim().split("\n")).toHaveLength(3);
    const failing = await dit(["validate", "--format", "github", "meta/invalid/version-float.yaml"]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^::error file=meta\/invalid\/version-float\.yaml,line=4,col=12,.*title=meta\/version-type::/);
  });

  test("--strict makes warnings fail", async () => {
    expect((await dit(["validate", "meta/invalid/unknown-keys.yaml"])).code).toBe(0);
    const strict = await dit(["validate", "--strict", "meta/invalid/unknown-keys.yaml"]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("✖ meta/invalid/unknown-keys.yaml: 0 errors, 3 warnings (--strict: warnings fail)");
  });

  test("a project directory: finds its metadata; duplicate sources fail", async () => {
    expect((await dit(["validate", "."], join(fixtures, "meta/projects/legacy-dabl"))).code).toBe(0);
    const dup = await dit(["validate", "meta/projects/both-files"]);
    expect(dup.code).toBe(1);
    expect(dup.stdout).toContain("meta/projects/both-files/dabl-meta.yaml:1:1  error  duplicate project metadata");
  });

  test("unreadable input and usage errors exit 2", async () => {
    expect((await dit(["validate", "no/such/file.yaml"])).code).toBe(2);
    expect((await dit(["validate", "meta/projects/not-found"])).code).toBe(2);
    const usage = await dit(["validate", "--no-such-flag"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("unknown option '--no-such-flag'");
    expect((await dit(["frobnicate"])).code).toBe(2);
  });

  test("--int-args checks and coerces the config", async () => {
    const r = await dit(["validate", "meta/valid/integration-types.yaml", "--int-args", "int-args/timer-valid.yaml", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).config).toEqual({ typeId: "timer", values: { interval: 30, batchSize: 1, ratio: 0.25, owner: "Alice" } });
    const bad = await dit(["validate", "meta/valid/integration-types.yaml", "--int-args", "int-args/value-not-string.yaml"]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('int-args/value-not-string.yaml:6:13  error  metadata.interval must be a string');
  });

  test("--type without --int-args checks that the type exists", async () => {
    expect((await dit(["validate", "meta/valid/integration-types.yaml", "--type", "timer"])).code).toBe(0);
    const r = await dit(["validate", "meta/valid/integration-types.yaml", "--type", "timr"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('integration type "timr" is not declared in the metadata');
  });

  test("colour only when asked for; NO_COLOR wins over a terminal", async () => {
    const plain = await dit(["validate", "meta/invalid/version-float.yaml"]);
    expect(plain.stdout).not.toContain("\u001b[");
    const forced = await dit(["validate", "meta/invalid/version-float.yaml"], fixtures, { FORCE_COLOR: "1" });
    expect(forced.stdout).toContain("\u001b[31merror\u001b[39m");
  });

  test("--help documents the options and exit codes", async () => {
    const r = await dit(["validate", "--help"]);
    expect(r.code).toBe(0);
    for (const flag of ["--int-args <file>", "--type <id>", "--json", "--strict", "Exit codes: 0 valid, 1 invalid, 2"]) {
      expect(r.stdout).toContain(flag);
    }
  });
});

describe("dit genargs", () => {
  const project = join(work, "project");
  cpSync(join(fixtures, "meta/valid/integration-types.yaml"), join(project, "dit-meta.yaml"), { recursive: true });

  test("several types need --type (usage error)", async () => {
    const r = await dit(["genargs"], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("several integration types; choose one with --type (loopback, timer, slack_messaging, qualified)");
  });

  test("writes a file that validates once required values are filled; refuses to overwrite", async () => {
    const r = await dit(["genargs", "--type", "timer"], project);
    expect(r).toMatchObject({ code: 0, stderr: 'wrote int_args.yaml for integration type "timer" (5 fields)\n' });
    const file = join(project, "int_args.yaml");
    const unfilled = await dit(["validate", "--int-args", "int_args.yaml"], project);
    expect(unfilled.code).toBe(1);
    expect(unfilled.stdout).toContain('required field "interval" (Interval) has no value: expected integer  (args/missing-required)');

    writeFileSync(file, readFileSync(file, "utf8").replace('interval: ""', 'interval: "15"'));
    const filled = await dit(["validate", "--int-args", "int_args.yaml"], project);
    expect(filled.stdout).toBe("✔ dit-meta.yaml and int_args.yaml are valid (4 integration types)\n");
    expect(filled.code).toBe(0);

    const again = await dit(["genargs", "--type", "timer"], project);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("dit: int_args.yaml already exists");
    expect((await dit(["genargs", "--type", "timer", "--force"], project)).code).toBe(0);
  });

  test("-o - prints to stdout; an unknown type fails", async () => {
    const r = await dit(["genargs", "--type", "loopback", "-o", "-"], project);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('targetContractMode: "Trigger Contract"');
    const unknown = await dit(["genargs", "--type", "nope", "-o", "-"], project);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('dit: integration type "nope" is not declared in the metadata');
  });

  test("invalid metadata is refused with its diagnostics", async () => {
    const r = await dit(["genargs", "meta/invalid/version-float.yaml", "-o", "-"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("(meta/version-type)");
    expect(r.stderr).toContain("dit: the metadata is invalid; fix it first (see `dit validate`)");
  });
});
