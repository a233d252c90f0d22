// Checks beyond the JSON Schema: cross-field rules and the string grammars (semver, entrypoints, field types).
// They run on whatever parts of the document have the right shape, so one schema error does not hide others.
import { type Diagnostic, displayPath, joinPointer, type RuleId, type Severity } from "./diagnostics.js";
import { coerceFieldValue, FIELD_TYPE_NAMES, type FieldType, parseFieldType } from "./field-type.js";
import { explainSemverFailure, parseSemver } from "./semver.js";
import { closestMatch } from "./suggest.js";
import type { DateIndex } from "./to-json.js";
import type { Locator } from "./yaml-source.js";

type Json = Record<string, unknown>;
type Report = (severity: Severity, rule: RuleId, pointer: string, message: string, options?: { atKey?: boolean }) => void;

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";

export function checkMetadataRules(doc: Json, dates: DateIndex, source: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (severity, rule, pointer, message, options = {}) =>
    out.push({ severity, rule, message, path: pointer, file: source.file, ...source.position(pointer, options.atKey) });

  checkCatalog(doc, dates, source, report);
  const typeLists = (["integration_types", "integrations"] as const).filter((key) => Array.isArray(doc[key]));
  if (Array.isArray(doc.integrations) && doc.integrations.length > 0) {
    report("warning", "meta/deprecated", "/integrations",
      "integrations is deprecated: move these entries under integration_types", { atKey: true });
  }
  const seenTypeIds = new Map<string, string>();
  for (const key of typeLists) {
    (doc[key] as unknown[]).forEach((type, i) => {
      if (isObject(type)) checkIntegrationType(type, joinPointer("", key, i), seenTypeIds, report);
    });
  }
  return out;
}

function checkCatalog(doc: Json, dates: DateIndex, source: Locator, report: Report): void {
  const catalog = doc.catalog;
  if (catalog === undefined || catalog === null) {
    report("error", "meta/catalog-missing", catalog === null ? "/catalog" : "",
      "catalog is missing: add a catalog with name, version and description");
    return;
  }
  if (!isObject(catalog)) return;
  if (isString(catalog.version) && !parseSemver(catalog.version)) {
    report("error", "meta/semver", "/catalog/version",
      `catalog.version "${catalog.version}" is not a strict SemVer version: ${explainSemverFailure(catalog.version)}`);
  }
  if (isString(catalog.release_date)) checkReleaseDate(catalog.release_date, dates, source, report);
  if (typeof catalog.experimental === "boolean") {
    report("warning", "meta/deprecated", "/catalog/experimental",
      "catalog.experimental is deprecated: add the tag \"experimental\" to catalog.tags instead", { atKey: true });
  }
  if (isString(catalog.icon_file) && !/\.(png|svg)$/i.test(catalog.icon_file.trim())) {
    report("error", "meta/icon-file", "/catalog/icon_file",
      `catalog.icon_file "${catalog.icon_file}" must be a .png or .svg file`);
  }
}

function checkReleaseDate(value: string, dates: DateIndex, source: Locator, report: Report): void {
  const pointer = "/catalog/release_date";
  const date = dates.get(pointer);
  if (!date) {
    const text = source.scalar(pointer)?.text ?? JSON.stringify(value);
    report("error", "meta/release-date-type", pointer,
      `catalog.release_date must be an unquoted YAML date, not the string ${text}: write release_date: ${value}`);
  } else if (!date.valid) {
    report("error", "meta/release-date", pointer, `catalog.release_date ${date.text} is not a real date`);
  }
}

const MODULE_SYMBOL = /^[A-Za-z0-9_.\-/@]+:[A-Za-z_$][\w$]*$/;

function checkModuleSymbol(value: unknown, pointer: string, rule: RuleId, report: Report): void {
  if (!isString(value)) return;
  const colons = value.split(":").length - 1;
  if (colons === 1 && MODULE_SYMBOL.test(value.trim())) return;
  const key = displayPath(pointer);
  const problem = colons === 0 ? "has no colon" : colons > 1 ? `has ${colons} colons` : "is not a module path and an identifier";
  report("error", rule, pointer,
    `${key} "${value}" ${problem}: write module:symbol, e.g. "main:integration" or "pkg.module:function"`);
}

function checkIntegrationType(type: Json, pointer: string, seenIds: Map<string, string>, report: Report): void {
  if (isString(type.id)) {
    const earlier = seenIds.get(type.id);
    if (earlier !== undefined) {
      report("warning", "meta/duplicate-type-id", joinPointer(pointer, "id"),
        `integration type id "${type.id}" is also used by ${displayPath(earlier)}; Daml Hub keeps only the last one`);
    }
    seenIds.set(type.id, pointer);
  }
  checkModuleSymbol(type.entrypoint, joinPointer(pointer, "entrypoint"), "meta/entrypoint-format", report);
  if (type.env_class !== null) checkModuleSymbol(type.env_class, joinPointer(pointer, "env_class"), "meta/env-class-format", report);
  if (type.runtime !== undefined && type.runtime !== null) {
    report("warning", "meta/deprecated", joinPointer(pointer, "runtime"),
      `${displayPath(joinPointer(pointer, "runtime"))} is set by dit pack; the value given here is ignored`, { atKey: true });
  }
  if (isString(type.instance_template)) checkInstanceTemplate(type.instance_template, joinPointer(pointer, "instance_template"), report);
  if (Array.isArray(type.fields)) checkFields(type.fields, joinPointer(pointer, "fields"), report);
}

function checkInstanceTemplate(value: string, pointer: string, report: Report): void {
  const parts = value.trim().split(":");
  const ok = (parts.length === 2 || parts.length === 3) && parts.every((p) => p !== "") && !value.includes("*");
  if (!ok) {
    report("error", "meta/instance-template", pointer,
      `${displayPath(pointer)} "${value}" must be Module.Path:Entity or packageId:Module.Path:Entity` +
        (value.includes("*") ? " (a wildcard is not allowed)" : ""));
  }
}

function checkFields(fields: unknown[], pointer: string, report: Report): void {
  const types = new Map<string, FieldType | undefined>();
  const seen = new Map<string, number>();
  const parsed = fields.map((field, i) => {
    if (!isObject(field)) return undefined;
    const at = joinPointer(pointer, i);
    if (isString(field.id)) {
      const earlier = seen.get(field.id);
      if (earlier !== undefined) {
        report("error", "meta/duplicate-field-id", joinPointer(at, "id"),
          `field id "${field.id}" is also used by ${displayPath(joinPointer(pointer, earlier))}`);
      } else seen.set(field.id, i);
    }
    if (!isString(field.field_type)) return undefined;
    const result = parseFieldType(field.field_type);
    if (!result.ok) {
      report("error", "meta/field-type", joinPointer(at, "field_type"), `${displayPath(joinPointer(at, "field_type"))}: ${result.message}`);
      return undefined;
    }
    if (result.type.kind === "unknown") {
      const guess = closestMatch(result.type.raw, FIELD_TYPE_NAMES);
      report("warning", "meta/field-type-unknown", joinPointer(at, "field_type"),
        `${displayPath(joinPointer(at, "field_type"))} "${result.type.raw}" is not a known field type; Daml Hub shows it as text` +
          (guess ? `; did you mean "${guess}"?` : ""));
    }
    if (isString(field.id)) types.set(field.id, result.type);
    return result.type;
  });

  parsed.forEach((type, i) => {
    const field = fields[i] as Json;
    const at = joinPointer(pointer, i);
    if (type?.kind === "contract_choice") {
      const sibling = types.get(type.templateNameField);
      if (sibling?.kind !== "contract_template") {
        report("error", "meta/field-type", joinPointer(at, "field_type"),
          `${displayPath(joinPointer(at, "field_type"))}: templateNameField "${type.templateNameField}" must name a ` +
            `contract_template field of this integration type` + (types.has(type.templateNameField) ? "" : " (no field has that id)"));
      }
    }
    if (type && isString(field.default_value)) {
      const coerced = coerceFieldValue(type, field.default_value.trim());
      if (!coerced.ok) {
        report("error", "meta/default-value", joinPointer(at, "default_value"),
          `${displayPath(joinPointer(at, "default_value"))} does not fit field_type ${field.field_type as string}: ${coerced.message}`);
      }
    }
  });
}
