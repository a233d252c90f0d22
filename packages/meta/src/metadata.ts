import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { type Diagnostic, hasErrors, sortDiagnostics } from "./diagnostics.js";
import { normalizeMetadata } from "./normalize.js";
import { checkMetadataRules } from "./rules.js";
import { dateDiagnostics, describeValue, validateAgainstSchema } from "./schema.js";
import {
  DABL_META_NAME, DIT_META_KEY, isDirectory, locationOfFile, type MetadataLocation, metadataFilesIn,
} from "./sources.js";
import type { PackageMetadata } from "./types.js";
import { fastParse } from "./fast-parse.js";
import type { DateIndex } from "./to-json.js";
import { DEFAULT_LIMITS, type Locator, locatorWithoutPositions, tooLarge, type YamlLimits, YamlSource } from "./yaml-source.js";

export interface ValidateOptions {
  /** File name used in diagnostics. */
  file?: string;
  /** Metadata is the value of this key (daml.yaml's `dit-meta`), not the whole document. */
  embeddedKey?: typeof DIT_META_KEY;
  limits?: YamlLimits;
  /** "always" skips the fast path and parses with positions even when the file is valid (for tests). */
  positions?: "always" | "on-findings";
}

export interface MetadataResult {
  /** True when there are no errors (warnings allowed). */
  ok: boolean;
  /** The file the metadata was read from. */
  file?: string;
  /** The metadata as written, when `ok`. */
  metadata?: PackageMetadata;
  /** The metadata after the original tooling's normalisation, when `ok`. */
  normalized?: PackageMetadata;
  diagnostics: Diagnostic[];
  /** Text of every file a diagnostic refers to, for code frames. */
  sources: Record<string, string>;
}

/** Validates metadata YAML text: YAML 1.1 parse, JSON Schema, then the rules beyond the schema. */
export function validateMetadataText(text: string, options: ValidateOptions = {}): MetadataResult {
  const { file } = options;
  const sources: Record<string, string> = file ? { [file]: text } : {};
  const maxBytes = options.limits?.maxBytes ?? DEFAULT_LIMITS.maxBytes;

  // Most files are valid: judge them with the fast parser, and parse with positions only to report findings.
  const fast = options.positions === "always" || tooLarge(text, file, maxBytes) ? undefined : fastParse(text);
  if (fast) {
    const value = embedded(fast.value, options.embeddedKey);
    const dates = embeddedDates(fast.dates, options.embeddedKey);
    if (isMapping(value) && analyze(value, dates, locatorWithoutPositions(file)).length === 0) {
      return finish(value as PackageMetadata, [], sources, file);
    }
  }

  const parsed = YamlSource.parse(text, file, options.limits);
  const diagnostics = [...parsed.diagnostics];
  if (!parsed.source) return finish(undefined, diagnostics, sources, file);
  const source = options.embeddedKey ? parsed.source.subSource(`/${options.embeddedKey}`) : parsed.source;
  const value = embedded(parsed.value, options.embeddedKey);
  if (value === null || value === undefined) {
    diagnostics.push({ severity: "error", rule: "yaml/empty", file, path: "", ...source.position(""),
      message: options.embeddedKey ? `the ${options.embeddedKey} key is empty` : "the metadata document is empty" });
    return finish(undefined, diagnostics, sources, file);
  }
  if (!isMapping(value)) {
    diagnostics.push({ severity: "error", rule: "meta/root-type", file, path: "", ...source.position(""),
      message: `the metadata must be a mapping of keys (catalog, integration_types, ...), not ${describeValue(value)}` });
    return finish(undefined, diagnostics, sources, file);
  }
  diagnostics.push(...analyze(value, embeddedDates(parsed.dates ?? new Map(), options.embeddedKey), source));
  return finish(value as PackageMetadata, diagnostics, sources, file);
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function embedded(value: unknown, key: string | undefined): unknown {
  return key ? (isMapping(value) ? value[key] : undefined) : value;
}

function embeddedDates(dates: DateIndex, key: string | undefined): DateIndex {
  if (!key) return dates;
  const prefix = `/${key}`;
  return new Map([...dates].filter(([p]) => p.startsWith(prefix + "/")).map(([p, d]) => [p.slice(prefix.length), d]));
}

/** Schema, date and rule checks of a parsed document. One error per value: a value of the wrong type is not
 * also checked against its grammar. */
function analyze(value: Record<string, unknown>, dates: DateIndex, source: Locator): Diagnostic[] {
  const schemaDiagnostics = validateAgainstSchema("dit-meta", value, source);
  const unknownKeys = schemaDiagnostics.filter((d) => d.rule === "meta/unknown-key").map((d) => d.path);
  const typeErrors = [
    ...schemaDiagnostics.filter((d) => d.severity === "error"),
    ...dateDiagnostics("dit-meta", dates, [...unknownKeys, ...schemaDiagnostics.map((d) => d.path)], source),
  ];
  const flagged = new Set(typeErrors.map((d) => d.path));
  const ruleDiagnostics = checkMetadataRules(value, dates, source).filter((d) => d.severity !== "error" || !flagged.has(d.path));
  return [...schemaDiagnostics.filter((d) => d.severity !== "error"), ...typeErrors, ...ruleDiagnostics];
}

function finish(value: PackageMetadata | undefined, diagnostics: Diagnostic[], sources: Record<string, string>,
  file: string | undefined): MetadataResult {
  const ok = value !== undefined && !hasErrors(diagnostics);
  return {
    ok,
    ...(file !== undefined ? { file } : {}),
    ...(ok && value ? { metadata: value, normalized: normalizeMetadata(value) } : {}),
    diagnostics: sortDiagnostics(diagnostics),
    sources,
  };
}

/**
 * Loads metadata from a file (dit-meta.yaml, dabl-meta.yaml, or daml.yaml with a `dit-meta` key) or from a
 * project directory, where the three sources are mutually exclusive, as in the original tooling.
 */
export function loadMetadata(path: string, options: Omit<ValidateOptions, "file" | "embeddedKey"> = {}): MetadataResult {
  if (!isDirectory(path)) return validateFile(locationOfFile(path), options);

  const candidates = metadataFilesIn(path).filter((location) => !location.embeddedKey || hasEmbeddedMetadata(location.file));
  if (candidates.length === 0) {
    return {
      ok: false,
      diagnostics: [{ severity: "error", rule: "meta/not-found", path: "", file: path,
        message: `no metadata in ${path}: expected dit-meta.yaml, dabl-meta.yaml or a dit-meta key in daml.yaml` }],
      sources: {},
    };
  }
  const [chosen, ...extra] = candidates as [MetadataLocation, ...MetadataLocation[]];
  const result = validateFile(chosen, options);
  const diagnostics = [...result.diagnostics];
  const describe = (l: MetadataLocation) => (l.embeddedKey ? `the ${l.embeddedKey} key of ${basename(l.file)}` : basename(l.file));
  for (const other of extra) {
    diagnostics.push({ severity: "error", rule: "meta/duplicate-source", path: "", file: other.file, line: 1, col: 1,
      message: `duplicate project metadata: ${describe(chosen)} and ${describe(other)} both define it; keep only one` });
  }
  if (!chosen.embeddedKey && basename(chosen.file) === DABL_META_NAME) {
    diagnostics.push({ severity: "warning", rule: "meta/deprecated", path: "", file: chosen.file, line: 1, col: 1,
      message: "dabl-meta.yaml is the legacy name of the metadata file; rename it to dit-meta.yaml" });
  }
  const ok = result.ok && !hasErrors(diagnostics);
  return { ...result, ok, ...(ok ? {} : { metadata: undefined, normalized: undefined }), diagnostics: sortDiagnostics(diagnostics) };
}

function validateFile(location: MetadataLocation, options: Omit<ValidateOptions, "file" | "embeddedKey">): MetadataResult {
  let text: string;
  try {
    text = readFileSync(location.file, "utf8");
  } catch (error) {
    return {
      ok: false,
      diagnostics: [{ severity: "error", rule: "io/unreadable", path: "", file: location.file,
        message: `cannot read ${location.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }],
      sources: {},
    };
  }
  return validateMetadataText(text, { ...options, file: location.file, ...(location.embeddedKey ? { embeddedKey: location.embeddedKey } : {}) });
}

/** daml.yaml counts as a metadata source only when its `dit-meta` key is truthy, as in the original. */
function hasEmbeddedMetadata(damlYaml: string): boolean {
  try {
    const parsed = YamlSource.parse(readFileSync(damlYaml, "utf8"), damlYaml);
    const value = parsed.value as Record<string, unknown> | null | undefined;
    return Boolean(value && typeof value === "object" && value[DIT_META_KEY]);
  } catch {
    return false;
  }
}
