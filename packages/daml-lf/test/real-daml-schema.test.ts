/**
 * Our protobuf schema of Daml-LF (src/proto/) against the real one: the descriptors compiled into
 * com.daml:daml-lf-dev-archive-java-proto:1.13.1, which is on the classpath of the real-ledger sandbox (Maven
 * Central). A small Java program of ours (support/DumpLfSchema.java) is compiled here at test time and prints them as
 * JSON; nothing of the real schema is kept in the repository. Runs wherever the real ledger is on (the plan of
 * describeRealLedger), so with DIT_REQUIRE_REAL_LEDGER=1 a missing java, javac or mvn fails it.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type protobuf from "protobufjs";
import { beforeAll, expect, it } from "vitest";
import { describeRealLedger, repoRoot } from "../../../scripts/testing/real-ledger.js";
import { lfRoot } from "../src/proto/root.js";
import type { RealFile, SchemaComparison } from "./support/schema-compare.js";
import { RealSchema, compareSchemas } from "./support/schema-compare.js";

const javaSource = fileURLToPath(new URL("./support/DumpLfSchema.java", import.meta.url));

/**
 * Fields and enum values of ours that are newer than LF 1.13.1's schema, so cannot be checked here: LF 1.15
 * interfaces (numbers taken from the public LF 1.15 schema), and from later 1.x minors choice authorizers, package
 * upgrades, interface-instance locations and LF 2 payloads. The test still fails if one of them uses a number that
 * the real message uses or reserves.
 */
const LATER_ADDITIONS = new Set([
  "ArchivePayload.damlLf2",
  "PackageMetadata.upgradedPackageId",
  "Module.interfaces",
  "DefDataType.interface",
  "DefTemplate.implements",
  "TemplateChoice.authorizers",
  ...["toInterface", "fromInterface", "callInterface", "signatoryInterface", "observerInterface", "viewInterface",
    "unsafeFromInterface", "interfaceTemplateTypeRep", "toRequiredInterface", "fromRequiredInterface",
    "unsafeFromRequiredInterface"].map((f) => `Expr.${f}`),
  "Update.createInterface",
  "Update.exerciseInterface",
  "Update.fetchInterface",
]);

/**
 * Real fields and values the walk reaches that we do not model, apart from BuiltinFunction (we name 11 of its 132
 * values; the others decode as numbers): 4 of them, all LF 1.dev-only at Daml 1.13.1 (gone from the stable 1.15
 * schema): Expr.experimental and the PrimTypes GENERAL_ERROR, ARITHMETIC_ERROR, CONTRACT_ERROR.
 */
const UNMODELLED = [
  ".daml_lf_1.Expr.experimental = 9999",
  ".daml_lf_1.PrimType.GENERAL_ERROR = 24",
  ".daml_lf_1.PrimType.ARITHMETIC_ERROR = 25",
  ".daml_lf_1.PrimType.CONTRACT_ERROR = 26",
];

function run(cmd: string, args: string[], what: string): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20, timeout: 15 * 60_000, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const e = error as { code?: string; stderr?: string; message: string };
    const reason = e.code === "ENOENT" ? `${cmd} is not on PATH` : `${(e.stderr ?? "").trim() || e.message}`;
    throw new Error(`${what} failed: ${reason}`);
  }
}

/** Compiles and runs DumpLfSchema.java in a temporary directory with the sandbox's classpath. */
function loadRealSchema(): RealSchema {
  const classpath = run(process.execPath, [join(repoRoot, "scripts/real-ledger/sandbox.mjs"), "classpath"], "resolving the sandbox classpath").trim();
  if (!classpath.includes("daml-lf-dev-archive-java-proto")) throw new Error("the sandbox classpath has no com.daml:daml-lf-dev-archive-java-proto");
  const dir = mkdtempSync(join(tmpdir(), "dit-lf-schema-"));
  try {
    copyFileSync(javaSource, join(dir, "DumpLfSchema.java"));
    run("javac", ["-cp", classpath, "-d", dir, join(dir, "DumpLfSchema.java")], "compiling DumpLfSchema.java");
    const json = run("java", ["-cp", `${classpath}:${dir}`, "DumpLfSchema"], "running DumpLfSchema");
    return new RealSchema((JSON.parse(json) as { files: RealFile[] }).files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeRealLedger("our Daml-LF protobuf schema against Daml 1.13.1's", () => {
  let real: RealSchema;
  let result: SchemaComparison;

  beforeAll(() => {
    real = loadRealSchema();
    const ours = lfRoot.lookup("daml_lf") as protobuf.Namespace;
    result = compareSchemas(ours, real, [["Archive", ".daml_lf_dev.Archive"], ["ArchivePayload", ".daml_lf_dev.ArchivePayload"]], LATER_ADDITIONS);
  }, 16 * 60_000);

  it("read the real descriptors", () => {
    expect(real.messages.has(".daml_lf_1.Expr")).toBe(true);
    expect(real.enums.has(".daml_lf_1.BuiltinFunction")).toBe(true);
    expect(result.checkedFields).toBeGreaterThan(300);
  });

  it("has the real field number, type, label and oneof for every field and enum value we model", () => {
    // All differences in one message, one per line.
    expect(result.mismatches.join("\n")).toBe("");
  });

  it("lists exactly the later additions it could not check, and what of the real schema it leaves out", () => {
    expect(result.later.map((l) => l.replace(/ = \d+$/, "")).sort()).toEqual([...LATER_ADDITIONS].sort());
    expect(result.unmodelled.filter((u) => !u.startsWith(".daml_lf_1.BuiltinFunction.")).sort()).toEqual([...UNMODELLED].sort());
  });
});
