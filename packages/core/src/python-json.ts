// JSON text as the original wrote it (Python's json.dumps through dazl's encoder), shared by the host (status and
// error bodies, which Daml Hub's console reads byte for byte) and the runtime (webhook JSON responses):
// separators ", " and ": "; every character outside printable ASCII escaped as \uXXXX (lower-case hex, UTF-16 code
// units, so astral characters become surrogate pairs as in Python); object keys in insertion order; dates as
// ISO-8601 UTC with Z and microseconds only when non-zero; bigints as strings (as dazl writes Decimals); undefined
// members and functions left out. NaN and ±Infinity become null: Python would write bare NaN, which no JSON
// parser accepts.

export function pythonJson(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, seen: Set<object>): string {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return quote(value.toString());
    case "object":
      break;
    default:
      return "null";
  }
  if (value === null) return "null";
  if (value instanceof Date) return quote(isoUtc(value));
  if (Buffer.isBuffer(value)) return quote(value.toString("utf8"));
  if (seen.has(value)) throw new TypeError("Circular reference detected");
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.length === 0 ? "[]" : `[${value.map((v: unknown) => write(v ?? null, seen)).join(", ")}]`;
    if (value instanceof Map) return members([...value].map(([k, v]): [string, unknown] => [String(k), v]), seen);
    const toJSON = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof toJSON === "function") return write(toJSON.call(value), seen);
    return members(Object.entries(value), seen);
  } finally {
    seen.delete(value);
  }
}

function members(entries: Array<[string, unknown]>, seen: Set<object>): string {
  const parts: string[] = [];
  for (const [key, member] of entries) {
    if (member !== undefined && typeof member !== "function") parts.push(`${quote(key)}: ${write(member, seen)}`);
  }
  return parts.length === 0 ? "{}" : `{${parts.join(", ")}}`;
}

const PLAIN = /^[ !#-[\]-~]*$/; // printable ASCII without '"' and '\'
const SPECIAL = /["\\]|[^ -~]/g;
const SHORT: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };

function quote(text: string): string {
  if (PLAIN.test(text)) return `"${text}"`;
  return `"${text.replace(SPECIAL, (ch) => SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`;
}

/** dazl's datetime encoding: UTC, `Z`, fractional seconds only when non-zero (microseconds, so six digits). */
function isoUtc(date: Date): string {
  const iso = date.toISOString();
  return date.getUTCMilliseconds() === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 23)}000Z`;
}
