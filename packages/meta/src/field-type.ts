/** A parsed `field_type`: how the Hub console renders a config field and how dit coerces its value. */
export type FieldType =
  | { kind: "text" | "number" | "integer" | "party" | "contract_template" | "clob" }
  | { kind: "contract_choice"; templateNameField: string }
  | { kind: "enum"; values: string[] }
  /** Not a type Hub knows: rendered as text. */
  | { kind: "unknown"; raw: string };

export type FieldTypeKind = FieldType["kind"];

export type ParsedFieldType = { ok: true; type: FieldType } | { ok: false; message: string };

const SIMPLE_KINDS = ["text", "number", "integer", "party", "contract_template", "clob"] as const;
export const FIELD_TYPE_NAMES: readonly string[] = [...SIMPLE_KINDS, "contract_choice", "enum"];

/**
 * Parses a `field_type` string. Surrounding whitespace is ignored (folded `>` scalars end in a newline);
 * `contract_choice:` and `enum:` carry JSON after the first colon.
 */
export function parseFieldType(raw: string): ParsedFieldType {
  const text = raw.trim();
  const simple = SIMPLE_KINDS.find((kind) => kind === text);
  if (simple) return { ok: true, type: { kind: simple } };
  const colon = text.indexOf(":");
  const head = colon < 0 ? text : text.slice(0, colon);
  const json = colon < 0 ? "" : text.slice(colon + 1).trim();
  if (head === "contract_choice") return parseContractChoice(json);
  if (head === "enum") return parseEnum(json);
  return { ok: true, type: { kind: "unknown", raw: text } };
}

function parseJson(json: string): { value?: unknown; message?: string } {
  if (json === "") return { message: "is missing its JSON argument after the colon" };
  try {
    return { value: JSON.parse(json) };
  } catch (error) {
    return { message: `has invalid JSON after the colon (${(error as Error).message})` };
  }
}

function parseContractChoice(json: string): ParsedFieldType {
  const parsed = parseJson(json);
  if (parsed.message) return { ok: false, message: `contract_choice ${parsed.message}; write contract_choice:{"templateNameField": "<fieldId>"}` };
  const value = parsed.value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, message: 'contract_choice needs a JSON object: contract_choice:{"templateNameField": "<fieldId>"}' };
  }
  const field = (value as Record<string, unknown>).templateNameField;
  if (typeof field !== "string" || field.trim() === "") {
    return { ok: false, message: 'contract_choice needs a string "templateNameField" naming a contract_template field' };
  }
  return { ok: true, type: { kind: "contract_choice", templateNameField: field } };
}

function parseEnum(json: string): ParsedFieldType {
  const parsed = parseJson(json);
  if (parsed.message) return { ok: false, message: `enum ${parsed.message}; write enum:["A", "B"]` };
  const value = parsed.value;
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "string")) {
    return { ok: false, message: 'enum needs a non-empty JSON list of strings: enum:["A", "B"]' };
  }
  const seen = new Set<string>();
  for (const item of value as string[]) {
    if (seen.has(item)) return { ok: false, message: `enum lists "${item}" more than once` };
    seen.add(item);
  }
  return { ok: true, type: { kind: "enum", values: value as string[] } };
}

/** A config value after coercion by its field type. */
export type ConfigValue = string | number;

export type CoercedValue = { ok: true; value: ConfigValue } | { ok: false; message: string };

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Beyond this many significant digits a double cannot hold every decimal exactly. */
const EXACT_DIGITS = 15;

/**
 * Checks and converts a (whitespace-trimmed) string value by its field type: integer → safe integer,
 * number → number (or the exact decimal string when a double would round it), enum → a member,
 * everything else → the string itself.
 */
export function coerceFieldValue(type: FieldType, value: string): CoercedValue {
  switch (type.kind) {
    case "integer": {
      if (!INTEGER.test(value)) return { ok: false, message: `expected an integer, got "${value}"` };
      const n = Number(value);
      if (!Number.isSafeInteger(n)) return { ok: false, message: `integer "${value}" is outside the safe range ±(2^53-1)` };
      return { ok: true, value: n };
    }
    case "number": {
      if (!DECIMAL.test(value)) return { ok: false, message: `expected a number, got "${value}"` };
      const n = Number(value);
      if (!Number.isFinite(n)) return { ok: false, message: `number "${value}" is out of range` };
      return { ok: true, value: significantDigits(value) > EXACT_DIGITS ? value : n };
    }
    case "enum":
      if (!type.values.includes(value)) {
        return { ok: false, message: `"${value}" is not one of ${type.values.map((v) => `"${v}"`).join(", ")}` };
      }
      return { ok: true, value };
    default:
      return { ok: true, value };
  }
}

function significantDigits(decimal: string): number {
  const mantissa = decimal.replace(/[eE].*$/, "").replace(/[+-]/, "").replace(".", "");
  return mantissa.replace(/^0+/, "").replace(/0+$/, "").length;
}

/** A short human description of a field type, for comments and messages. */
export function describeFieldType(type: FieldType): string {
  switch (type.kind) {
    case "enum":
      return `one of ${type.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "contract_choice":
      return `a choice of the template in field "${type.templateNameField}"`;
    case "unknown":
      return `${type.raw} (unknown type, treated as text)`;
    case "contract_template":
      return "a template id (Module:Entity)";
    default:
      return type.kind;
  }
}
