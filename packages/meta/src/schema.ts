import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { type Diagnostic, displayPath, joinPointer, type RuleId } from "./diagnostics.js";
import { closestMatch } from "./suggest.js";
import type { DateIndex } from "./to-json.js";
import type { Locator } from "./yaml-source.js";

export type SchemaName = "dit-meta" | "int-args";

/** Absolute path of a shipped schema file (for editors and `$schema` modelines). */
export function schemaPath(name: SchemaName): string {
  return new URL(`../schema/${name}.schema.json`, import.meta.url).pathname;
}

export function loadSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath(name), "utf8")) as Record<string, unknown>;
}

const compiled = new Map<SchemaName, ValidateFunction>();

/** Compiled once per process, on first use, so commands that never validate do not pay for it. */
function validator(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
    validate = ajv.compile(loadSchema(name));
    compiled.set(name, validate);
  }
  return validate;
}

/** Runs the JSON Schema and turns ajv's errors into diagnostics positioned in the YAML source. */
export function validateAgainstSchema(name: SchemaName, value: unknown, source: Locator): Diagnostic[] {
  const validate = validator(name);
  if (validate(value)) return [];
  return (validate.errors ?? []).flatMap((error) => {
    const d = toDiagnostic(name, error, source);
    return d ? [d] : [];
  });
}

function toDiagnostic(schema: SchemaName, error: ErrorObject, source: Locator): Diagnostic | undefined {
  const pointer = error.instancePath;
  const where = displayPath(pointer);
  const base = { file: source.file };
  switch (error.keyword) {
    case "required": {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const path = joinPointer(pointer, missing);
      return { ...base, severity: "error", rule: schema === "int-args" ? "args/required" : "meta/required", path, ...source.position(pointer, true),
        message: `${displayPath(path)} is required` };
    }
    case "additionalProperties": {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const path = joinPointer(pointer, key);
      const known = Object.keys((error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const guess = closestMatch(key, known);
      const what = schema === "int-args" ? "int_args.yaml" : "the metadata schema";
      return { ...base, severity: "warning", rule: schema === "int-args" ? "args/unknown-key" : "meta/unknown-key",
        path, ...source.position(path, true),
        message: `unknown key "${displayPath(path)}" is not part of ${what} and is ignored` +
          (guess ? `; did you mean "${guess}"?` : "") };
    }
    case "type":
      return typeDiagnostic(schema, error, source);
    case "pattern":
      return { ...base, severity: "error", rule: pointer.endsWith("/release_date") ? "meta/release-date" : "meta/type",
        path: pointer, ...source.position(pointer), message: `${where} must look like 2024-01-02` };
    default:
      return { ...base, severity: "error", rule: schema === "int-args" ? "args/type" : "meta/type", path: pointer,
        ...source.position(pointer), message: `${where} ${error.message ?? "is invalid"}` };
  }
}

function typeDiagnostic(schema: SchemaName, error: ErrorObject, source: Locator): Diagnostic {
  const pointer = error.instancePath;
  const where = displayPath(pointer);
  const expected = String((error.params as { type: string | string[] }).type).split(",");
  const scalar = source.scalar(pointer);
  const actual = describeValue(error.data);
  const base = { file: source.file, severity: "error" as const, path: pointer, ...source.position(pointer) };

  if (expected.includes("array")) {
    const example = typeof error.data === "string" ? `[${error.data}]` : "[...]";
    return { ...base, rule: "meta/list-type",
      message: `${where} must be a list, not ${actual}: write ${example} or one "- item" line per entry` };
  }
  if (expected.includes("object")) {
    return { ...base, rule: schema === "int-args" ? "args/type" : "meta/type", message: `${where} must be a mapping, not ${actual}` };
  }
  if (expected.includes("string")) {
    const rule = stringRuleFor(schema, pointer);
    if (scalar && !scalar.quoted && error.data !== null && typeof error.data !== "object") {
      const quoted = JSON.stringify(scalar.text);
      return { ...base, rule,
        message: `${where} must be a string, but YAML 1.1 reads ${scalar.text} as ${yamlKind(error.data, scalar.text)}: quote it as ${quoted}` };
    }
    return { ...base, rule, message: `${where} must be a string, not ${actual}` };
  }
  if (expected.includes("boolean")) {
    const hint = typeof error.data === "string" ? `: write ${error.data.trim().toLowerCase() === "false" ? "false" : "true"} without quotes` : "";
    return { ...base, rule: "meta/type", message: `${where} must be true or false, not ${actual}${hint}` };
  }
  return { ...base, rule: "meta/type", message: `${where} must be ${expected.join(" or ")}, not ${actual}` };
}

function stringRuleFor(schema: SchemaName, pointer: string): RuleId {
  if (schema === "int-args") return pointer.startsWith("/metadata/") ? "args/value-type" : "args/type";
  if (pointer === "/catalog/version") return "meta/version-type";
  if (pointer === "/catalog/release_date") return "meta/release-date-type";
  if (pointer.endsWith("/default_value")) return "meta/default-value-type";
  return "meta/type";
}

/**
 * The schema sees YAML 1.1 dates as ISO strings; only `catalog.release_date` may be one. Anywhere else a date
 * is a non-string to the original tooling, so say so (values under unknown keys are ignored anyway).
 */
export function dateDiagnostics(schema: SchemaName, dates: DateIndex, ignoredPointers: readonly string[],
  source: Locator): Diagnostic[] {
  return [...dates]
    .map(([pointer, date]) => ({ pointer, text: date.text }))
    .filter(({ pointer: p }) => p !== "/catalog/release_date" && !ignoredPointers.some((q) => p === q || p.startsWith(q + "/")))
    .map(({ pointer, text }) => ({
      file: source.file, severity: "error" as const, rule: stringRuleFor(schema, pointer), path: pointer,
      ...source.position(pointer),
      message: `${displayPath(pointer)} must be a string, but YAML 1.1 reads ${text} as a date: quote it as ${JSON.stringify(text)}`,
    }));
}

/** What YAML 1.1 made of an unquoted scalar, judged from its value and its text. */
function yamlKind(value: unknown, text: string): string {
  if (typeof value === "boolean") return "a boolean";
  if (typeof value === "number") return Number.isInteger(value) && !/[.eE]/.test(text) ? "an integer" : "a number";
  return describeValue(value);
}

/** Names a value the way a YAML author thinks of it. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "empty (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") {
    return /^\d{4}-\d{2}-\d{2}/.test(value) ? `a date (${value})` : `the string ${JSON.stringify(value)}`;
  }
  if (typeof value === "number") return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  return typeof value;
}
