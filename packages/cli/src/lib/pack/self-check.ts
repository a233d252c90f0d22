/**
 * After writing: reopen the DIT from disk and check what Daml Hub and the runtime will rely on. Returns the problems
 * found (none means the file is good); `dit pack` deletes the output when there are any.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readDar } from "@dit/daml-lf";
import { DABL_META_ENTRY, DIT_META_ENTRY, extractDit, openDit } from "@dit/dit-file";
import { validateMetadataText } from "@dit/meta";
import type { Packed } from "./pack.js";

const LOAD_TIMEOUT_MS = 30_000;

export async function selfCheck(file: string, packed: Packed): Promise<string[]> {
  const problems: string[] = [];
  let dit;
  try {
    dit = openDit(readFileSync(file), file);
  } catch (error) {
    return [`the written file cannot be reopened: ${(error as Error).message}`];
  }
  if (dit.metadataNames.length !== 2 || !dit.metadataConsistent) {
    problems.push(`${DIT_META_ENTRY} and ${DABL_META_ENTRY} must both be present and identical`);
  }
  const result = validateMetadataText(dit.metadataText, { file: `${file}!${dit.metadataEntry}` });
  for (const d of result.diagnostics.filter((x) => x.severity === "error")) problems.push(`embedded metadata: ${d.message}`);
  const metadata = result.metadata;
  if (!metadata) return problems.length > 0 ? problems : ["the embedded metadata cannot be read back"];

  for (const name of metadata.subdeployments ?? []) {
    const entry = dit.zip.files.get(name);
    if (!entry) problems.push(`subdeployment ${name} is missing from the DIT`);
    else dit.zip.read(entry); // checks size and CRC
  }
  const icon = metadata.catalog?.icon_file;
  if (icon && !dit.zip.files.has(icon) && !dit.zip.files.has(icon.split("/").pop() ?? icon)) problems.push(`icon ${icon} is missing from the DIT`);

  const model = metadata.daml_model;
  if (model) {
    const entry = packed.dar ? dit.zip.files.get(packed.dar.entryName) : undefined;
    try {
      const id = entry ? readDar(dit.zip.read(entry), { fileName: entry.path }).main.packageId : undefined;
      if (id !== model.main_package_id) problems.push(`daml_model.main_package_id ${model.main_package_id} is not the main package of the packed DAR`);
    } catch (error) {
      problems.push(`the packed DAR does not read back: ${(error as Error).message}`);
    }
  }
  if (packed.loadChecks.length > 0) problems.push(...(await loadBundles(file, packed.loadChecks)));
  return problems;
}

/** Extracts the DIT as `dit run` would and imports every bundled module in a child Node process. */
async function loadBundles(file: string, checks: Packed["loadChecks"]): Promise<string[]> {
  const cache = mkdtempSync(join(tmpdir(), "dit-pack-check-"));
  try {
    const { dir } = extractDit(file, cache);
    const script = fileURLToPath(new URL("../load-check.js", import.meta.url));
    const payload = JSON.stringify(checks.map((c) => ({ ...c, file: join(dir, c.path) })));
    const { stdout, stderr, failed } = await new Promise<{ stdout: string; stderr: string; failed: string | undefined }>((done) => {
      execFile(process.execPath, [script, payload], { cwd: dir, timeout: LOAD_TIMEOUT_MS, maxBuffer: 16 << 20 },
        (error, out, err) => done({ stdout: out, stderr: err, failed: error ? error.message : undefined }));
    });
    const line = stdout.trim().split("\n").pop() ?? "";
    try {
      return (JSON.parse(line) as { failures: string[] }).failures;
    } catch {
      return [`loading the bundles in a child process failed: ${failed ?? "no report"}${stderr ? `\n${stderr.trim()}` : ""}`];
    }
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
