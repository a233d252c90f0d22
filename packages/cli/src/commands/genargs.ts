import { existsSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { generateIntArgs, INT_ARGS_NAME, integrationTypesOf, loadMetadata } from "@dit/meta";
import { DitError, EXIT, type ExitCode } from "../errors.js";
import { displayFile, formatDiagnostic } from "../format.js";
import { type CliIo, colorsFor } from "../io.js";

export interface GenargsOptions {
  type?: string;
  output?: string;
  force?: boolean;
}

export async function runGenargs(pathArg: string | undefined, options: GenargsOptions, io: CliIo): Promise<ExitCode> {
  const path = resolve(io.cwd, pathArg ?? ".");
  if (!existsSync(path)) throw new DitError("io/unreadable", `cannot read ${path}: no such file or directory`, { exitCode: EXIT.usage });
  const metadata = loadMetadata(path);
  if (!metadata.ok || !metadata.metadata) {
    const colors = colorsFor(io.stderr, io.env);
    for (const d of metadata.diagnostics.filter((x) => x.severity === "error")) {
      io.stderr.write(formatDiagnostic(d, { cwd: io.cwd, colors, sources: metadata.sources }) + "\n\n");
    }
    const unreadable = metadata.diagnostics.some((d) => d.rule === "io/unreadable" || d.rule === "meta/not-found");
    throw new DitError("meta/invalid", "the metadata is invalid; fix it first (see `dit validate`)", {
      exitCode: unreadable ? EXIT.usage : EXIT.failed,
    });
  }

  const types = integrationTypesOf(metadata.metadata);
  const ids = types.map((t) => t.id).join(", ");
  let typeId = options.type;
  if (!typeId) {
    if (types.length === 1) typeId = types[0]!.id;
    else if (types.length === 0) throw new DitError("args/unknown-type", "the metadata declares no integration types");
    else throw new DitError("usage", `several integration types; choose one with --type (${ids})`, { exitCode: EXIT.usage });
  }
  const type = [...types].reverse().find((t) => t.id === typeId);
  if (!type) throw new DitError("args/unknown-type", `integration type "${typeId}" is not declared in the metadata`, { hint: `integration types: ${ids}` });

  const text = generateIntArgs(type);
  if (options.output === "-") {
    io.stdout.write(text);
    return EXIT.ok;
  }
  const projectDir = statSync(path).isDirectory() ? path : dirname(path);
  const target = options.output ? resolve(io.cwd, options.output) : join(projectDir, INT_ARGS_NAME);
  if (existsSync(target) && !options.force) {
    throw new DitError("genargs/exists", `${displayFile(target, io.cwd)} already exists`, { hint: "pass --force to overwrite it" });
  }
  writeFileSync(target, text);
  io.stderr.write(`wrote ${displayFile(target, io.cwd)} for integration type "${type.id}" (${type.fields.length} fields)\n`);
  return EXIT.ok;
}
