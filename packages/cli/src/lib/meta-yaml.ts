/**
 * The metadata as `dit pack` writes it into a DIT (`dit-meta.yaml` and `dabl-meta.yaml`, identical): block YAML
 * that PyYAML's safe_load + dacite read into daml-dit-api's PackageMetadata. Every key of the dataclasses is
 * written (nulls included, as the original's `asdict` dump has them), in dataclass order; unknown keys are dropped.
 * Strings are always double-quoted (JSON escapes are valid YAML escapes), so YAML 1.1's `yes`, `1.0`, `0o7` or
 * `1:20` never change type; `release_date` is a plain `YYYY-MM-DD`, which PyYAML reads as a date.
 */
import type { PackageMetadata } from "@dit/meta";

export const CATALOG_ORDER = [
  "name", "version", "description", "release_date", "author", "url", "email", "license", "experimental", "demo_url",
  "source_url", "tags", "short_description", "group_id", "icon_file", "dit_if_requirement",
] as const;
export const DAML_MODEL_ORDER = ["name", "version", "main_package_id"] as const;
export const INTEGRATION_TYPE_ORDER = [
  "id", "name", "description", "fields", "entrypoint", "env_class", "runtime", "help_url", "instance_template", "tags",
  "artifact_hash",
] as const;
export const FIELD_ORDER = [
  "id", "name", "description", "field_type", "help_url", "default_value", "required", "tags", "field_context",
] as const;
const PACKAGE_ORDER = ["catalog", "subdeployments", "daml_model", "integration_types", "integrations"] as const;

/** What a missing key is written as, where the dataclass default is not None (`tags=[]`, `required=True`). */
const DEFAULTS: Record<string, string> = { tags: "[]", required: "true" };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Shape = { keys: readonly string[]; nested?: Record<string, Shape> };
const FIELD_SHAPE: Shape = { keys: FIELD_ORDER };
const TYPE_SHAPE: Shape = { keys: INTEGRATION_TYPE_ORDER, nested: { fields: FIELD_SHAPE } };
const SHAPES: Record<string, Shape> = {
  catalog: { keys: CATALOG_ORDER },
  daml_model: { keys: DAML_MODEL_ORDER },
  integration_types: TYPE_SHAPE,
  integrations: TYPE_SHAPE,
};

export function metadataToYaml(metadata: PackageMetadata): string {
  const root = metadata as Record<string, unknown>;
  const lines: string[] = [];
  for (const key of PACKAGE_ORDER) emit(lines, 0, key, root[key], SHAPES[key]);
  return lines.join("\n") + "\n";
}

function emit(lines: string[], indent: number, key: string, value: unknown, shape: Shape | undefined): void {
  const pad = " ".repeat(indent);
  if (value === undefined || value === null) {
    lines.push(`${pad}${key}: ${DEFAULTS[key] ?? "null"}`);
  } else if (Array.isArray(value)) {
    if (value.length === 0) {
      lines.push(`${pad}${key}: []`);
      return;
    }
    lines.push(`${pad}${key}:`);
    for (const item of value) {
      if (shape && isObject(item)) emitMapping(lines, indent + 2, item, shape, "- ");
      else lines.push(`${pad}  - ${scalar(key, item)}`);
    }
  } else if (isObject(value)) {
    if (!shape) throw new Error(`metadata key "${key}" holds a mapping where a value was expected`);
    lines.push(`${pad}${key}:`);
    emitMapping(lines, indent + 2, value, shape, "");
  } else {
    lines.push(`${pad}${key}: ${scalar(key, value)}`);
  }
}

/** One mapping; as a list item its first line carries the `- `. */
function emitMapping(lines: string[], indent: number, value: Record<string, unknown>, shape: Shape, dash: "- " | ""): void {
  const start = lines.length;
  for (const key of shape.keys) {
    emit(lines, indent + dash.length, key, value[key], shape.nested?.[key]);
  }
  if (dash && lines[start] !== undefined) {
    lines[start] = " ".repeat(indent) + dash + (lines[start] ?? "").slice(indent + dash.length);
  }
}

function scalar(key: string, value: unknown): string {
  if (typeof value === "string") {
    if (key === "release_date") {
      if (!DATE.test(value)) throw new Error(`release_date must be YYYY-MM-DD, not ${JSON.stringify(value)}`);
      return value;
    }
    // JSON leaves these literal, but YAML 1.1 reads them as line breaks or rejects them as non-printable.
    return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new Error(`metadata key "${key}" holds an unsupported value ${JSON.stringify(value)}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
