import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isDitFileError, openDit, openZip } from "@dit/dit-file";
import { DitError, EXIT, type ExitCode } from "../errors.js";
import { displayFile, formatDiagnostic } from "../format.js";
import { type CliIo, colorsFor } from "../io.js";
import { ditReport, formatDitReport } from "../lib/dit-report.js";

export interface InspectOptions {
  json?: boolean;
}

/** `dit inspect FILE.dit|FILE.dar`: exit 0 ok, 1 invalid content, 2 unreadable input. */
export async function runInspect(fileArg: string, options: InspectOptions, io: CliIo): Promise<ExitCode> {
  const path = resolve(io.cwd, fileArg);
  const shown = displayFile(path, io.cwd);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new DitError("io/unreadable", `cannot read ${shown}: ${code === "ENOENT" ? "no such file" : code}`, { exitCode: EXIT.usage });
  }
  if (isDar(bytes, path)) {
    // Loaded only for DARs: the Daml-LF decoder is the heaviest import, and DITs do not need it.
    const { darReport, formatDarReport, loadDar } = await import("../lib/dar-report.js");
    let dar;
    try {
      dar = loadDar(bytes, shown);
    } catch (error) {
      if (error instanceof DitError && error.code === "dar/corrupt") throw new DitError(error.code, error.message, { ...error.options, exitCode: EXIT.usage });
      throw error;
    }
    const report = darReport(dar, bytes, shown);
    io.stdout.write(options.json ? JSON.stringify(report, null, 2) + "\n" : formatDarReport(report));
    return EXIT.ok;
  }

  let dit;
  try {
    dit = openDit(bytes, shown);
  } catch (error) {
    if (!isDitFileError(error)) throw error;
    // A zip without metadata is readable but not a DIT (exit 1); bytes that are no zip at all are unreadable (exit 2).
    const exitCode = error.code === "dit/no-metadata" ? EXIT.failed : error.code === "zip/corrupt" ? EXIT.usage : EXIT.failed;
    throw new DitError(error.code, error.message, { exitCode });
  }
  const report = ditReport(dit, shown);
  if (options.json) {
    io.stdout.write(JSON.stringify(report, null, 2) + "\n");
  } else {
    io.stdout.write(formatDitReport(report));
    const colors = colorsFor(io.stdout, io.env);
    const sources = { [`${shown}!${dit.metadataEntry}`]: dit.metadataText };
    for (const d of report.diagnostics) io.stdout.write("\n" + formatDiagnostic(d, { cwd: io.cwd, colors, sources }) + "\n");
    if (!report.ok) io.stdout.write("\n" + colors.red(`✖ ${shown} is not a valid DIT`) + "\n");
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** A DAR by extension, or by content: a zip with a JAR manifest and no DIT metadata. */
function isDar(bytes: Buffer, path: string): boolean {
  if (path.toLowerCase().endsWith(".dar")) return true;
  if (path.toLowerCase().endsWith(".dit")) return false;
  try {
    const zip = openZip(bytes, path);
    return zip.files.has("META-INF/MANIFEST.MF") && !zip.files.has("dit-meta.yaml") && !zip.files.has("dabl-meta.yaml");
  } catch {
    return false;
  }
}
