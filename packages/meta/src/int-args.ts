import { readFileSync } from "node:fs";
import { type Diagnostic, displayPath, hasErrors, joinPointer, sortDiagnostics } from "./diagnostics.js";
import { type ConfigValue, coerceFieldValue, describeFieldType, type FieldType, parseFieldType } from "./field-type.js";
import { normalizeMetadata } from "./normalize.js";
import { dateDiagnostics, describeValue, validateAgainstSchema } from "./schema.js";
import type { IntegrationRuntimeSpec, IntegrationTypeFieldInfo, IntegrationTypeInfo, PackageMetadata } from "./types.js";
import { type YamlLimits, YamlSource } from "./yaml-source.js";

/** Metadata keys that are not fields but have meaning to the runtime or to Daml Hub. */
export const RUN_AS_KEY = "runAs";
export const RUN_AS_PARTY_KEY = "com.projectdabl.integrations.runAsParty";
export const RESERVED_PREFIX = "com.projectdabl.integrations.";
export const isReservedKey = (key: string): boolean => key === RUN_AS_KEY || key.startsWith(RESERVED_PREFIX);

/** The configuration of one integration instance, checked and coerced by field type. */
export interface IntegrationConfig {
  typeId: string;
  type: IntegrationTypeInfo;
  /** Field id → coerced value; optional fields without value or default are absent. */
  values: Record<string, ConfigValue>;
  /** Every metadata value, whitespace-trimmed, as the original runtime sees it (reserved keys included). */
  raw: Record<string, string>;
  /** The party from `runAs` / `com.projectdabl.integrations.runAsParty`, if given (DAML_LEDGER_PARTY wins at run time). */
  runAsParty?: string;
}

export interface IntArgsOptions {
  file?: string;
  /** The type id chosen by the caller (`--type` or DABL_INTEGRATION_TYPE_ID); wins over `type_id`. */
  typeId?: string;
  limits?: YamlLimits;
}

export interface IntArgsResult {
  ok: boolean;
  spec?: IntegrationRuntimeSpec;
  config?: IntegrationConfig;
  diagnostics: Diagnostic[];
  sources: Record<string, string>;
}

/** Validates int_args.yaml text against the integration types of (already validated) metadata. */
export function validateIntArgsText(text: string, metadata: PackageMetadata, options: IntArgsOptions = {}): IntArgsResult {
  const { file } = options;
  const sources: Record<string, string> = file ? { [file]: text } : {};
  const parsed = YamlSource.parse(text, file, options.limits);
  const diagnostics = [...parsed.diagnostics];
  const done = (extra: Partial<IntArgsResult> = {}): IntArgsResult => ({
    ok: !hasErrors(diagnostics) && extra.config !== undefined,
    ...extra,
    diagnostics: sortDiagnostics(diagnostics),
    sources,
  });
  if (!parsed.source) return done();
  const source = parsed.source;
  const value = parsed.value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    diagnostics.push({ severity: "error", rule: "args/type", file, path: "", ...source.position(""),
      message: `int_args.yaml must be a mapping with a metadata key, not ${describeValue(value)}` });
    return done();
  }
  const schemaDiagnostics = validateAgainstSchema("int-args", value, source);
  const flagged = schemaDiagnostics.map((d) => d.path);
  diagnostics.push(...schemaDiagnostics, ...dateDiagnostics("int-args", parsed.dates ?? new Map(), flagged, source));
  if (hasErrors(diagnostics)) return done();

  const spec = value as IntegrationRuntimeSpec;
  // Findings about a value point at the value; findings about a missing or extra key point at the key.
  const report: ReportFn = (rule, pointer, message, severity = "error", hint) =>
    diagnostics.push({ severity, rule, file, path: pointer, ...source.position(pointer, rule !== "args/invalid-value"), message,
      ...(hint ? { hint } : {}) });

  const types = normalizeMetadata(metadata).integration_types ?? [];
  const available = types.map((t) => t.id).join(", ") || "(none)";
  const typeId = options.typeId ?? spec.type_id ?? undefined;
  if (!typeId) {
    report("args/type-id", "", "no integration type given: set type_id in int_args.yaml or pass --type", "error",
      `integration types in the metadata: ${available}`);
    return done({ spec });
  }
  // Later duplicates win, as in the original's lookup.
  const type = [...types].reverse().find((t) => t.id === typeId);
  if (!type) {
    report("args/unknown-type", options.typeId ? "" : "/type_id", `integration type "${typeId}" is not declared in the metadata`,
      "error", `integration types in the metadata: ${available}`);
    return done({ spec });
  }

  const raw = Object.fromEntries(Object.entries(spec.metadata).map(([k, v]) => [k, v.trim()]));
  const values = coerceConfig(type.fields, raw, report);
  for (const key of Object.keys(raw)) {
    if (!type.fields.some((f) => f.id === key) && !isReservedKey(key)) {
      report("args/unknown-key", joinPointer("/metadata", key),
        `metadata key "${key}" is not a field of integration type "${type.id}" and is ignored`, "warning");
    }
  }
  const runAsParty = raw[RUN_AS_KEY] || raw[RUN_AS_PARTY_KEY] || undefined;
  const config: IntegrationConfig = { typeId, type, values, raw, ...(runAsParty ? { runAsParty } : {}) };
  return done(hasErrors(diagnostics) ? { spec } : { spec, config });
}

type ReportFn = (rule: Diagnostic["rule"], pointer: string, message: string, severity?: Diagnostic["severity"], hint?: string) => void;

function coerceConfig(fields: IntegrationTypeFieldInfo[], raw: Record<string, string>, report: ReportFn): Record<string, ConfigValue> {
  const values: Record<string, ConfigValue> = {};
  for (const field of fields) {
    const parsed = parseFieldType(field.field_type);
    const type: FieldType = parsed.ok ? parsed.type : { kind: "text" };
    const pointer = joinPointer("/metadata", field.id);
    const given = raw[field.id];
    const value = given !== undefined && given !== "" ? given : field.default_value?.trim();
    if (value === undefined || value === "") {
      if (field.required !== false) {
        report("args/missing-required", given === undefined ? "/metadata" : pointer,
          `required field "${field.id}" (${field.name}) has no value: expected ${describeFieldType(type)}`);
      }
      continue;
    }
    const coerced = coerceFieldValue(type, value);
    if (coerced.ok) values[field.id] = coerced.value;
    else report("args/invalid-value", given !== undefined && given !== "" ? pointer : "/metadata",
      `${displayPath(pointer)}: ${coerced.message}` + (given ? "" : " (the field's default_value)"));
  }
  return values;
}

/** Reads and validates an int_args.yaml file. */
export function loadIntArgs(file: string, metadata: PackageMetadata, options: Omit<IntArgsOptions, "file"> = {}): IntArgsResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return {
      ok: false,
      diagnostics: [{ severity: "error", rule: "io/unreadable", path: "", file,
        message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }],
      sources: {},
    };
  }
  return validateIntArgsText(text, metadata, { ...options, file });
}
