import { existsSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { sha256Hex } from "@dit/dit-file";
import { loadMetadata } from "@dit/meta";
import { DitError, EXIT, type ExitCode } from "../errors.js";
import { countLabel, displayFile, formatDiagnostic } from "../format.js";
import { type CliIo, colorsFor } from "../io.js";
import { pack } from "../lib/pack/pack.js";
import { selfCheck } from "../lib/pack/self-check.js";

export interface PackOptions {
  output?: string;
  dar?: string[];
  subdeployment?: string[];
  force?: boolean;
  releaseDate?: string;
}

const UNREADABLE = new Set(["io/unreadable", "meta/not-found"]);

export async function runPack(dirArg: string | undefined, options: PackOptions, io: CliIo): Promise<ExitCode> {
  const projectDir = resolve(io.cwd, dirArg ?? ".");
  if (!existsSync(projectDir) || !statSync(projectDir).isDirectory()) {
    throw new DitError("io/unreadable", `${displayFile(projectDir, io.cwd)} is not a project directory`, { exitCode: EXIT.usage });
  }
  const colors = colorsFor(io.stderr, io.env);
  const loaded = loadMetadata(projectDir);
  for (const d of loaded.diagnostics) io.stderr.write(formatDiagnostic(d, { cwd: io.cwd, colors, sources: loaded.sources }) + "\n\n");
  if (!loaded.ok || !loaded.normalized) {
    const errors = loaded.diagnostics.filter((d) => d.severity === "error").length;
    const unreadable = loaded.diagnostics.some((d) => UNREADABLE.has(d.rule));
    throw new DitError("pack/invalid-metadata", `not packing: the metadata has ${countLabel(errors, "error")} (see above; same as dit validate)`, {
      exitCode: unreadable ? EXIT.usage : EXIT.failed,
    });
  }
  if ((options.dar?.length ?? 0) > 1) {
    throw new DitError("pack/several-dars", "give one model DAR with --dar; add other DARs with --subdeployment", { exitCode: EXIT.usage });
  }
  const sourceDateEpoch = parseSourceDateEpoch(io.env.SOURCE_DATE_EPOCH);
  const catalog = loaded.normalized.catalog;
  const output = options.output
    ? resolve(io.cwd, options.output)
    : join(projectDir, `${catalog?.name ?? "project"}-${catalog?.version ?? "0.0.0"}.dit`);
  const shown = displayFile(output, io.cwd);
  if (existsSync(output) && !options.force) {
    throw new DitError("pack/exists", `${shown} already exists`, { hint: "pass --force to overwrite it" });
  }

  const started = performance.now();
  const packed = await pack({
    projectDir, cwd: io.cwd, metadata: loaded.normalized, dar: options.dar?.[0], subdeployments: options.subdeployment ?? [],
    sourceDateEpoch, releaseDate: options.releaseDate,
  });
  for (const w of packed.warnings) io.stderr.write(`${colors.yellow("warning:")} ${w}\n`);

  // Written beside the target and renamed into place only after the self-check passes.
  const temp = `${output}.tmp-${process.pid}`;
  writeFileSync(temp, packed.bytes);
  let problems: string[];
  try {
    problems = await selfCheck(temp, packed);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  if (problems.length > 0) {
    rmSync(temp, { force: true });
    throw new DitError("pack/self-check", `self-check of ${shown} failed, so it was not written:\n  ${problems.join("\n  ")}`);
  }
  renameSync(temp, output);
  const out = colorsFor(io.stdout, io.env);
  const ms = Math.round(performance.now() - started);
  io.stdout.write(`${out.green("✔")} packed ${shown} (${packed.entries.length} entries, ${ms} ms)\n`);
  io.stdout.write(`  size:   ${packed.bytes.length} bytes\n  sha256: ${sha256Hex(packed.bytes)}\n`);
  return EXIT.ok;
}

function parseSourceDateEpoch(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^\d+$/.test(value)) {
    throw new DitError("pack/source-date-epoch", `SOURCE_DATE_EPOCH must be whole seconds since 1970, not "${value}"`, { exitCode: EXIT.usage });
  }
  return Number(value);
}
