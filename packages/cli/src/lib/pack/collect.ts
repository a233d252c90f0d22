/**
 * Gathers what goes into a DIT from a project directory: the flat `pkg/` files, `--subdeployment` files, the icon
 * and the model DAR (read and verified with @dit/daml-lf; no SDK). Every problem is its own DitError (exit 1).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { projectDars } from "@dit/core";
import type { Dar } from "@dit/daml-lf";
import { DABL_META_NAME, DAML_YAML_NAME, DIT_META_NAME, type PackageMetadata } from "@dit/meta";
import { parse } from "yaml";
import { DitError, EXIT } from "../../errors.js";
import { loadDar } from "../dar-report.js";

export interface CollectedFile {
  data: Buffer;
  /** Where it came from, for messages. */
  source: string;
}

export interface ModelDar {
  entryName: string;
  source: string;
  bytes: Buffer;
  dar: Dar;
}

export interface Collected {
  /** Entry name in the DIT → content. */
  files: Map<string, CollectedFile>;
  dar: ModelDar | undefined;
  /** The final subdeployment list: metadata's, then --subdeployment basenames, then the DAR; each once. */
  subdeployments: string[];
  warnings: string[];
}

export interface CollectOptions {
  projectDir: string;
  /** Resolves CLI paths (the current directory). */
  cwd: string;
  dar?: string | undefined;
  subdeployments: readonly string[];
}

const METADATA_NAMES = new Set([DIT_META_NAME, DABL_META_NAME]);

export function collect(metadata: PackageMetadata, options: CollectOptions): Collected {
  const { projectDir } = options;
  const files = new Map<string, CollectedFile>();
  const warnings: string[] = [];
  const add = (name: string, file: CollectedFile) => {
    const existing = files.get(name);
    if (existing && !existing.data.equals(file.data)) {
      throw new DitError("pack/duplicate-entry", `two different files would both be "${name}" in the DIT: ${existing.source} and ${file.source}`, {
        hint: "rename one of them",
      });
    }
    if (!existing) files.set(name, file);
  };

  for (const file of pkgFiles(projectDir)) add(file.name, file);

  const extra: string[] = [];
  for (const arg of options.subdeployments) {
    const path = resolve(options.cwd, arg);
    const file = readInput(path, "subdeployment", arg);
    add(basename(path), file);
    extra.push(basename(path));
  }

  const icon = metadata.catalog?.icon_file;
  if (typeof icon === "string" && icon !== "") {
    if (!files.has(icon) && !files.has(basename(icon))) {
      const atRoot = join(projectDir, icon);
      if (!isFile(atRoot)) {
        throw new DitError("pack/icon-missing", `icon_file "${icon}" is not there: looked in ${rel(projectDir, join(projectDir, "pkg", icon))} and ${rel(projectDir, atRoot)}`, {
          hint: "put the icon (PNG or SVG) in pkg/, or fix catalog.icon_file",
        });
      }
      add(icon, readInput(atRoot, "icon", icon));
    }
  }

  const dar = modelDar(metadata, options);
  if (dar) add(dar.entryName, { data: dar.bytes, source: dar.source });

  const listed = metadata.subdeployments ?? [];
  const subdeployments = [...new Set([...listed, ...extra, ...(dar ? [dar.entryName] : [])])];
  for (const name of subdeployments) {
    if (!files.has(name)) {
      throw new DitError("pack/subdeployment-missing", `subdeployment "${name}" is not in the DIT`, {
        hint: `put ${name} in pkg/, or pass --subdeployment PATH; files available: ${[...files.keys()].sort().join(", ") || "(none)"}`,
      });
    }
  }
  for (const name of listed) {
    if (dar && name !== dar.entryName && name.endsWith(".dar")) {
      warnings.push(`subdeployment ${name} is deployed besides the model DAR ${dar.entryName}; if it is the same model under an older name, remove it from subdeployments`);
    }
  }
  return { files, dar, subdeployments, warnings };
}

interface PkgFile extends CollectedFile {
  name: string;
}

/** `pkg/` must be flat and must not hold a metadata file (it would silently replace the generated one). */
function pkgFiles(projectDir: string): PkgFile[] {
  const pkg = join(projectDir, "pkg");
  if (!existsSync(pkg)) return [];
  const out: PkgFile[] = [];
  for (const name of readdirSync(pkg).sort()) {
    const path = join(pkg, name);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      throw new DitError("pack/pkg-subdirectory", `pkg/${name} is a directory; pkg/ must be flat (its files go to the root of the DIT)`, {
        hint: `move the files of pkg/${name}/ up into pkg/, or zip the directory and list the zip in subdeployments`,
      });
    }
    if (METADATA_NAMES.has(name)) {
      throw new DitError("pack/pkg-metadata-name", `pkg/${name} has the name of a metadata file; it would replace the metadata dit pack writes`, {
        hint: `keep the project metadata at the project root (${DIT_META_NAME}) and remove or rename pkg/${name}`,
      });
    }
    if (!stat.isFile()) continue;
    out.push({ name, data: readFileSync(path), source: `pkg/${name}` });
  }
  return out;
}

function modelDar(metadata: PackageMetadata, options: CollectOptions): ModelDar | undefined {
  const { projectDir } = options;
  let path: string;
  if (options.dar !== undefined) {
    path = resolve(options.cwd, options.dar);
    if (!isFile(path)) throw new DitError("pack/dar-missing", `the DAR ${options.dar} given with --dar is not there`);
  } else {
    const found = darFromDamlYaml(projectDir, metadata) ?? darInProject(projectDir, options.cwd);
    if (found === undefined) return undefined;
    path = found;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new DitError("pack/dar-unreadable", `cannot read the DAR ${rel(options.cwd, path)}: ${(error as NodeJS.ErrnoException).code}`);
  }
  return { entryName: basename(path), source: rel(options.cwd, path), bytes, dar: loadDar(bytes, rel(options.cwd, path)) };
}

/**
 * The DAR daml.yaml's project builds to: `.daml/dist/<name>-<version>.dar` (what `daml build` writes), else the
 * original tooling's `<catalog.name>-<version>.dar` at the root (projects commit it). dit never runs the SDK.
 */
function darFromDamlYaml(projectDir: string, metadata: PackageMetadata): string | undefined {
  const damlYaml = join(projectDir, DAML_YAML_NAME);
  if (!existsSync(damlYaml)) return undefined;
  let project: { name?: unknown; version?: unknown };
  try {
    project = (parse(readFileSync(damlYaml, "utf8"), { version: "1.1" }) ?? {}) as typeof project;
  } catch (error) {
    throw new DitError("pack/daml-yaml", `cannot read ${DAML_YAML_NAME}: ${(error as Error).message.split("\n")[0]}`, { exitCode: EXIT.failed });
  }
  const version = project.version === undefined ? undefined : String(project.version);
  if (typeof project.name !== "string" || version === undefined) {
    throw new DitError("pack/daml-yaml", `${DAML_YAML_NAME} needs a name and a version to know which DAR it builds`, {
      hint: "or pass the DAR with --dar FILE",
    });
  }
  const candidates = [join(projectDir, ".daml/dist", `${project.name}-${version}.dar`)];
  if (metadata.catalog?.name) candidates.push(join(projectDir, `${metadata.catalog.name}-${version}.dar`));
  const found = candidates.find(isFile);
  if (found === undefined) {
    throw new DitError("pack/dar-missing", `${DAML_YAML_NAME} builds ${rel(projectDir, candidates[0] ?? "")}, which is not there`, {
      hint: "run `daml build` first (dit does not call the Daml SDK), or pass the DAR with --dar FILE",
    });
  }
  return found;
}

/** Without --dar or daml.yaml: the one DAR at the project root or in .daml/dist, as `dit run DIR` finds it. */
function darInProject(projectDir: string, cwd: string): string | undefined {
  const dars = projectDars(projectDir).filter(isFile);
  if (dars.length > 1) {
    throw new DitError("pack/dar-ambiguous", `the project holds several DARs (${dars.map((d) => rel(cwd, d)).join(", ")}); which is the Daml model?`, {
      hint: "pass the model's DAR with --dar FILE (other DARs can go in as --subdeployment)",
    });
  }
  return dars[0];
}

function readInput(path: string, what: string, shown: string): CollectedFile {
  if (!isFile(path)) {
    throw new DitError(`pack/${what}-missing`, `the ${what} file ${shown} is not there${existsSync(path) ? " (it is not a file)" : ""}`);
  }
  return { data: readFileSync(path), source: shown };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const rel = (from: string, path: string) => relative(from, path) || ".";
