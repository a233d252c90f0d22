import { existsSync } from "node:fs";
import { resolve } from "node:path";
import {
  type Diagnostic, type IntArgsResult, integrationTypesOf, loadIntArgs, loadMetadata, type MetadataResult,
} from "@dit/meta";
import { EXIT, type ExitCode } from "../errors.js";
import { countLabel, displayFile, formatDiagnostic } from "../format.js";
import { type CliIo, colorsFor } from "../io.js";

export interface ValidateOptions {
  intArgs?: string;
  type?: string;
  json?: boolean;
  format?: "github";
  strict?: boolean;
}

/** Rules whose findings mean the input could not be read at all (exit 2, not 1). */
const UNREADABLE = new Set(["io/unreadable", "meta/not-found"]);

export async function runValidate(pathArg: string | undefined, options: ValidateOptions, io: CliIo): Promise<ExitCode> {
  const path = resolve(io.cwd, pathArg ?? ".");
  const metadata = existsSync(path) ? loadMetadata(path) : undefined;
  const diagnostics: Diagnostic[] = metadata
    ? [...metadata.diagnostics]
    : [{ severity: "error", rule: "io/unreadable", path: "", file: path, message: `cannot read ${path}: no such file or directory` }];
  const sources: Record<string, string> = { ...metadata?.sources };

  let intArgs: IntArgsResult | undefined;
  if (metadata?.ok && metadata.metadata) {
    if (options.intArgs) {
      intArgs = loadIntArgs(resolve(io.cwd, options.intArgs), metadata.metadata, options.type ? { typeId: options.type } : {});
      diagnostics.push(...intArgs.diagnostics);
      Object.assign(sources, intArgs.sources);
    } else if (options.type) {
      diagnostics.push(...checkTypeExists(metadata, options.type));
    }
  }

  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const failed = errors > 0 || (options.strict === true && warnings > 0);
  const exitCode: ExitCode = diagnostics.some((d) => UNREADABLE.has(d.rule)) ? EXIT.usage : failed ? EXIT.failed : EXIT.ok;

  if (options.json) {
    const report = {
      ok: !failed,
      file: metadata?.file ? displayFile(metadata.file, io.cwd) : displayFile(path, io.cwd),
      ...(options.intArgs ? { intArgs: displayFile(resolve(io.cwd, options.intArgs), io.cwd) } : {}),
      errorCount: errors,
      warningCount: warnings,
      diagnostics: diagnostics.map((d) => ({ ...d, ...(d.file ? { file: displayFile(d.file, io.cwd) } : {}) })),
      ...(intArgs?.config ? { config: { typeId: intArgs.config.typeId, values: intArgs.config.values } } : {}),
    };
    io.stdout.write(JSON.stringify(report, null, 2) + "\n");
    return exitCode;
  }

  if (options.format === "github") {
    for (const d of diagnostics) io.stdout.write(githubAnnotation(d, io.cwd) + "\n");
    return exitCode;
  }

  const colors = colorsFor(io.stdout, io.env);
  for (const d of diagnostics) io.stdout.write(formatDiagnostic(d, { cwd: io.cwd, colors, sources }) + "\n\n");
  const files = [metadata?.file, options.intArgs && resolve(io.cwd, options.intArgs)]
    .filter((f): f is string => Boolean(f))
    .map((f) => displayFile(f, io.cwd));
  const subject = files.join(" and ") || displayFile(path, io.cwd);
  if (failed) {
    const why = options.strict && errors === 0 ? " (--strict: warnings fail)" : "";
    io.stdout.write(colors.red(`✖ ${subject}: ${countLabel(errors, "error")}, ${countLabel(warnings, "warning")}${why}`) + "\n");
  } else {
    const types = metadata?.normalized ? integrationTypesOf(metadata.normalized).length : 0;
    const what = types > 0 ? ` (${countLabel(types, "integration type")})` : "";
    const note = warnings > 0 ? `, ${countLabel(warnings, "warning")}` : "";
    io.stdout.write(colors.green(`✔ ${subject} ${files.length > 1 ? "are" : "is"} valid${what}${note}`) + "\n");
  }
  return exitCode;
}

/** A GitHub Actions workflow command, so CI runs show each finding on its line (values escaped as GitHub requires). */
function githubAnnotation(d: Diagnostic, cwd: string): string {
  const data = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const property = (s: string) => data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
  const where = [
    `file=${property(displayFile(d.file, cwd))}`,
    ...(d.line ? [`line=${d.line}`, `col=${d.col ?? 1}`] : []),
    ...(d.endLine ? [`endLine=${d.endLine}`] : []),
    ...(d.endCol && d.endLine === d.line ? [`endColumn=${d.endCol}`] : []),
    `title=${property(d.rule)}`,
  ].join(",");
  return `::${d.severity} ${where}::${data(d.message + (d.hint ? ` (hint: ${d.hint})` : ""))}`;
}

function checkTypeExists(metadata: MetadataResult, typeId: string): Diagnostic[] {
  const types = integrationTypesOf(metadata.metadata ?? {});
  if (types.some((t) => t.id === typeId)) return [];
  return [{
    severity: "error", rule: "args/unknown-type", path: "", ...(metadata.file ? { file: metadata.file } : {}),
    message: `integration type "${typeId}" is not declared in the metadata`,
    hint: `integration types in the metadata: ${types.map((t) => t.id).join(", ") || "(none)"}`,
  }];
}
