// `dit init [DIR]`: scaffold an integration (or an application) project from the templates in packages/cli/templates.
// Prompt-free: every input has a flag and a default. Existing files are never overwritten without --force.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { type Diagnostic, generateIntArgs, INT_ARGS_NAME, integrationTypesOf, validateIntArgsText, validateMetadataText } from "@dit/meta";
import { DitError, EXIT, type ExitCode } from "../errors.js";
import { displayFile } from "../format.js";
import { type CliIo, colorsFor } from "../io.js";

export interface InitOptions {
  name?: string;
  integration?: boolean;
  application?: boolean;
  typeId?: string;
  author?: string;
  force?: boolean;
  json?: boolean;
}

export type ProjectKind = "integration" | "application";

/** What `dit init --json` prints. */
export interface InitReport {
  dir: string;
  kind: ProjectKind;
  name: string;
  typeId: string | null;
  /** Project-relative paths (with `/`), sorted. */
  files: string[];
  /** The subset of `files` that existed and were replaced (only with --force). */
  overwritten: string[];
}

/** A catalog name: lower case letters, digits, `.`, `_` and `-`, starting and ending with a letter or digit. */
const CATALOG_NAME = /^[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9])?$/;
const TYPE_ID = /^[A-Za-z_][\w.-]{0,99}$/;
/** Template files stored under another name, so they do not act in this repository (create-vite's `renameFiles`). */
const RENAMES: Record<string, string> = { _gitignore: ".gitignore" };
/** Entries that do not make a directory "not empty". */
const IGNORED_ENTRIES = new Set([".git"]);
const PLACEHOLDER = /\{\{(\w+)\}\}/g;
const EXAMPLE_LEDGER_URL = "http://localhost:7575";

const TEMPLATES = fileURLToPath(new URL("../../templates/", import.meta.url));
const CLI_VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** `My_Project 2` → `my_project-2`: the closest valid catalog name (empty when nothing usable is left). */
export function normalizeCatalogName(raw: string): string {
  return raw
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[._-]+/, "")
    .slice(0, 100)
    .replace(/[._-]+$/, "");
}

/** `my-ledger_bot` → `My Ledger Bot`. */
export function titleOf(name: string): string {
  return name.split(/[._-]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(" ");
}

export async function runInit(dirArg: string | undefined, options: InitOptions, io: CliIo): Promise<ExitCode> {
  const kind: ProjectKind = options.application ? "application" : "integration";
  if (options.application && options.integration) {
    throw usage("--integration and --application exclude each other");
  }
  if (options.application && options.typeId !== undefined) {
    throw usage("--type-id names an integration type; an application (--application) has none");
  }
  const dir = resolve(io.cwd, dirArg ?? ".");
  const existing = directoryEntries(dir);

  const name = catalogName(options.name, dir, kind);
  const typeId = options.typeId ?? "main";
  if (!TYPE_ID.test(typeId)) {
    throw usage(`--type-id "${typeId}" is not a valid integration type id`,
      "use letters, digits, `_`, `.` and `-`, starting with a letter or `_` (e.g. main)");
  }
  const author = authorOf(options.author, io.cwd, name);

  const vars: Record<string, string> = { name, title: titleOf(name), typeId, author, ditVersion: CLI_VERSION };
  const files = renderTemplates(kind, vars);
  if (kind === "integration") files.set(INT_ARGS_NAME, intArgsFor(files.get("dit-meta.yaml") ?? "", typeId));

  // Refuse before writing anything: name every file that would be replaced.
  const paths = [...files.keys()].sort();
  const blocked = paths.filter((p) => blockingAncestor(dir, p) !== undefined);
  if (blocked.length > 0) {
    const ancestor = blockingAncestor(dir, blocked[0]!)!;
    throw new DitError("init/not-a-directory", `${displayFile(join(dir, ancestor), io.cwd)} is a file, but ${blocked.join(", ")} must go under it`,
      { hint: "move it away or scaffold into another directory" });
  }
  const overwritten = paths.filter((p) => existsSync(join(dir, p)));
  if (!options.force && overwritten.length > 0) {
    throw new DitError("init/exists", `${countFiles(overwritten.length)} already exist in ${displayFile(dir, io.cwd)}: ${overwritten.join(", ")}`,
      { hint: "pass --force to overwrite them, or choose another directory" });
  }
  if (!options.force && existing.length > 0) {
    throw new DitError("init/not-empty", `${displayFile(dir, io.cwd)} is not empty (${existing.slice(0, 5).join(", ")}${existing.length > 5 ? ", …" : ""})`,
      { hint: "pass --force to add the project's files to it (no file there would be overwritten), or choose another directory" });
  }

  for (const path of paths) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, files.get(path)!);
  }

  if (existsSync(join(dir, "dabl-meta.yaml"))) {
    io.stderr.write(`${colorsFor(io.stderr, io.env).yellow("warning:")} ${displayFile(join(dir, "dabl-meta.yaml"), io.cwd)} is there too: ` +
      "dit validate reports two metadata sources; keep only dit-meta.yaml\n");
  }
  const report: InitReport = { dir, kind, name, typeId: kind === "integration" ? typeId : null, files: paths, overwritten };
  if (options.json) {
    io.stdout.write(JSON.stringify(report, null, 2) + "\n");
    return EXIT.ok;
  }
  const colors = colorsFor(io.stdout, io.env);
  const where = displayFile(dir, io.cwd);
  io.stdout.write(`${colors.green("✔")} created ${kind} "${name}" in ${where === "" ? "." : where} (${countFiles(paths.length)})\n`);
  for (const path of paths) io.stdout.write(`  ${path}${overwritten.includes(path) ? colors.yellow("  (overwritten)") : ""}\n`);
  io.stdout.write("\n" + nextSteps(report, io) + "\n");
  return EXIT.ok;
}

function usage(message: string, hint?: string): DitError {
  return new DitError("usage", message, { exitCode: EXIT.usage, ...(hint ? { hint } : {}) });
}

/** The directory's entries (without `.git`); [] when it does not exist yet. */
function directoryEntries(dir: string): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new DitError("io/unreadable", `cannot read ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { exitCode: EXIT.usage });
  }
  if (!isDirectory) throw new DitError("io/unreadable", `${dir} exists and is not a directory`, { exitCode: EXIT.usage });
  return readdirSync(dir).filter((entry) => !IGNORED_ENTRIES.has(entry)).sort();
}

function catalogName(explicit: string | undefined, dir: string, kind: ProjectKind): string {
  if (explicit !== undefined) {
    if (CATALOG_NAME.test(explicit)) return explicit;
    const suggestion = normalizeCatalogName(explicit);
    throw usage(`--name "${explicit}" is not a valid catalog name`,
      `use lower case letters, digits, \`.\`, \`_\` and \`-\` (at most 100), starting and ending with a letter or digit${suggestion ? `, e.g. --name ${suggestion}` : ""}`);
  }
  const normalized = normalizeCatalogName(basename(dir));
  return CATALOG_NAME.test(normalized) ? normalized : `my-${kind}`;
}

/** --author, else `git config user.name`, else "<name> authors". */
function authorOf(explicit: string | undefined, cwd: string, name: string): string {
  if (explicit !== undefined) {
    // eslint-disable-next-line no-control-regex
    if (explicit.trim() === "" || /[\u0000-\u001f\u007f]/.test(explicit)) throw usage("--author must be a non-empty single line");
    return explicit.trim();
  }
  try {
    const fromGit = execFileSync("git", ["config", "user.name"], { cwd, encoding: "utf8", timeout: 3000, stdio: ["ignore", "pipe", "ignore"] }).trim();
    // eslint-disable-next-line no-control-regex
    if (fromGit && !/[\u0000-\u001f\u007f]/.test(fromGit)) return fromGit;
  } catch {
    // no git, or no user.name: fall through
  }
  return `${name} authors`;
}

/** Every file of `templates/<kind>/`, renamed and with its placeholders filled, keyed by project-relative path. */
function renderTemplates(kind: ProjectKind, vars: Record<string, string>): Map<string, string> {
  const root = join(TEMPLATES, kind);
  const files = new Map<string, string>();
  for (const file of listFiles(root)) {
    const rel = relative(root, file).split(sep);
    rel[rel.length - 1] = RENAMES[rel.at(-1)!] ?? rel.at(-1)!;
    const path = rel.join("/");
    files.set(path, fill(readFileSync(file, "utf8"), vars, path));
  }
  return files;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

/** `{{key}}` → the value; escaped for JSON and YAML double-quoted strings in .json/.yaml files (templates quote them). */
function fill(text: string, vars: Record<string, string>, path: string): string {
  const quoted = [".json", ".yaml", ".yml"].includes(extname(path));
  return text.replace(PLACEHOLDER, (_, key: string) => {
    const value = vars[key];
    if (value === undefined) throw new Error(`template ${path} uses an unknown placeholder {{${key}}}`);
    return quoted ? JSON.stringify(value).slice(1, -1) : value;
  });
}

/**
 * int_args.yaml from the rendered metadata with @dit/meta's generateIntArgs, after checking that both the metadata
 * and the arguments have no findings at all: a fresh project must validate cleanly.
 */
function intArgsFor(metaText: string, typeId: string): string {
  const meta = validateMetadataText(metaText, { file: "dit-meta.yaml" });
  const type = meta.metadata ? integrationTypesOf(meta.metadata).find((t) => t.id === typeId) : undefined;
  if (!meta.metadata || !type || meta.diagnostics.length > 0) throw templateBug("dit-meta.yaml", meta.diagnostics);
  const text = generateIntArgs(type);
  const args = validateIntArgsText(text, meta.metadata, { file: INT_ARGS_NAME });
  if (!args.ok || args.diagnostics.length > 0) throw templateBug(INT_ARGS_NAME, args.diagnostics);
  return text;
}

function templateBug(file: string, diagnostics: Diagnostic[]): Error {
  return new Error(`the scaffold's ${file} does not validate cleanly:\n${diagnostics.map((d) => `  ${d.rule}: ${d.message}`).join("\n")}`);
}

/** The first existing ancestor of `path` (inside `dir`) that is not a directory. */
function blockingAncestor(dir: string, path: string): string | undefined {
  const parts = path.split("/").slice(0, -1);
  for (let i = 1; i <= parts.length; i++) {
    const ancestor = parts.slice(0, i).join("/");
    try {
      if (!statSync(join(dir, ancestor)).isDirectory()) return ancestor;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const countFiles = (n: number) => `${n} ${n === 1 ? "file" : "files"}`;

/** The package manager that ran us (npm_config_user_agent, as create-vite reads it), else npm. */
function packageManager(env: CliIo["env"]): string {
  const agent = env.npm_config_user_agent?.split(" ")[0]?.split("/")[0];
  return agent && /^[a-z][\w-]*$/.test(agent) ? agent : "npm";
}

const shellWord = (word: string) => (/^[\w./@:=+-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`);

function nextSteps(report: InitReport, io: CliIo): string {
  const steps: [string, string][] = [];
  const rel = relative(io.cwd, report.dir);
  if (rel !== "") steps.push([`cd ${shellWord(rel)}`, ""]);
  if (report.kind === "integration") {
    steps.push(
      ["dit validate --int-args int_args.yaml", "check the metadata and the arguments as Daml Hub reads them"],
      ["dit genargs --force", "rewrite int_args.yaml after you change the fields"],
      ["dit test", "run the tests in src/main.test.ts (@dit/core/testing; needs no install)"],
      ["dit pack", `build ${report.name}-0.1.0.dit (bundled, self-checked; needs no install)`],
      [`${packageManager(io.env)} install`, "@dit/core's types for your editor and tsc (see README.md)"],
      ["dit run --sandbox --party Alice", "run src/main.ts on a local Daml ledger started for the run (needs Java and Maven)"],
      [`dit run --ledger-url ${EXAMPLE_LEDGER_URL} --party Alice`, "run src/main.ts against a running JSON API (v1)"],
    );
  } else {
    steps.push(
      ["dit validate", "check the metadata as Daml Hub reads it"],
      ["dit pack --dar FILE.dar", `build ${report.name}-0.1.0.dit with your model; put other deployables in pkg/`],
    );
  }
  const width = Math.max(...steps.map(([command]) => command.length));
  return "Next steps:\n" + steps.map(([command, why]) => `  ${why ? command.padEnd(width) + "   # " + why : command}`).join("\n");
}
