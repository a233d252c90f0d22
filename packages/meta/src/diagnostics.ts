/** How bad a finding is: errors make a file invalid; warnings only fail `--strict` runs. */
export type Severity = "error" | "warning";

/** One finding about a metadata or int_args file, with enough position data for an editor to jump to it. */
export interface Diagnostic {
  severity: Severity;
  /** Stable rule id, e.g. `meta/version-type`. */
  rule: string;
  message: string;
  /** JSON pointer of the value the finding is about (`""` is the whole document). */
  path: string;
  /** The file the finding is in, as given by the caller. */
  file?: string;
  /** 1-based line and column of the value, when the value exists in the source. */
  line?: number;
  col?: number;
  endLine?: number;
  endCol?: number;
  /** A suggestion on how to fix it, when there is one beyond the message. */
  hint?: string;
}

/** Every rule id this package can emit, with a one-line description (documentation and `--json` consumers). */
export const RULES = {
  "yaml/syntax": "The file is not valid YAML.",
  "yaml/too-large": "The document is larger than the configured size cap.",
  "yaml/alias-limit": "The document expands too many aliases (a possible alias bomb).",
  "yaml/empty": "The document is empty.",
  "yaml/duplicate-key": "A mapping repeats a key; the last value wins, as in PyYAML.",
  "io/unreadable": "A file could not be read.",
  "meta/not-found": "No metadata file was found in the project directory.",
  "meta/duplicate-source": "More than one metadata source exists in the project directory.",
  "meta/root-type": "The metadata document must be a mapping.",
  "meta/type": "A value has the wrong YAML type.",
  "meta/version-type": "catalog.version must be a YAML string.",
  "meta/release-date-type": "catalog.release_date must be an unquoted YAML date.",
  "meta/default-value-type": "A field's default_value must be a YAML string.",
  "meta/list-type": "A value that must be a list is a single value.",
  "meta/required": "A required key is missing.",
  "meta/unknown-key": "A key is not part of the schema (Daml Hub ignores it silently).",
  "meta/catalog-missing": "The catalog section is missing or null.",
  "meta/semver": "catalog.version is not a strict SemVer 2.0 version.",
  "meta/release-date": "catalog.release_date is not a real calendar date.",
  "meta/entrypoint-format": "An entrypoint must have the form module:symbol with exactly one colon.",
  "meta/env-class-format": "An env_class must have the form module:symbol with exactly one colon.",
  "meta/duplicate-type-id": "Two integration types share an id; Daml Hub keeps the last one.",
  "meta/duplicate-field-id": "Two fields of one integration type share an id.",
  "meta/field-type": "A field_type does not follow the field type grammar.",
  "meta/field-type-unknown": "A field_type is not one Daml Hub knows; the console renders it as text.",
  "meta/default-value": "A default_value does not satisfy its field_type.",
  "meta/instance-template": "instance_template must be Mod:Ent or pkgId:Mod:Ent.",
  "meta/icon-file": "icon_file must name a .png or .svg file.",
  "meta/deprecated": "A deprecated key is used.",
  "args/type-id": "The integration type to configure cannot be determined.",
  "args/unknown-type": "The integration type id is not declared in the metadata.",
  "args/value-type": "An int_args.yaml metadata value must be a YAML string.",
  "args/missing-required": "A required field has no value and no default.",
  "args/invalid-value": "A value does not satisfy its field_type.",
  "args/unknown-key": "A metadata key is not a field of the integration type.",
  "args/type": "int_args.yaml has the wrong shape.",
  "args/required": "A required key of int_args.yaml is missing.",
} as const satisfies Record<string, string>;

export type RuleId = keyof typeof RULES;

/** Turns a JSON pointer into the dotted path used in messages: `/a/0/b` → `a[0].b`. */
export function displayPath(pointer: string): string {
  if (pointer === "") return "(document)";
  let out = "";
  for (const segment of splitPointer(pointer)) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out === "" ? segment : `.${segment}`;
  }
  return out;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function joinPointer(base: string, ...segments: Array<string | number>): string {
  return base + segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Orders diagnostics by file, then position, so output reads top to bottom. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      (a.file ?? "").localeCompare(b.file ?? "") ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      a.rule.localeCompare(b.rule),
  );
}
