// JSON text as Python's json.dumps writes it with the defaults the original used (through dazl's encoder):
// separators ", " and ": ", every character outside printable ASCII escaped as \uXXXX (lower-case hex, UTF-16 code
// units, so astral characters become surrogate pairs exactly as in Python), object keys in insertion order.
// Byte equality matters because Daml Hub's console reads the status JSON.

/** Serialises `value` like Python's `json.dumps(value)`; `undefined` members are left out, Dates become ISO `…Z`. */
export function pyJson(value: unknown): string {
  switch (typeof value) {
    case "string": return pyString(value);
    case "number": return pyNumber(value);
    case "boolean": return value ? "true" : "false";
    case "bigint": return value.toString();
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) return value.length === 0 ? "[]" : `[${value.map((item) => pyJson(item ?? null)).join(", ")}]`;
      if (value instanceof Date) return pyString(isoUtc(value));
      const parts: string[] = [];
      for (const [key, member] of Object.entries(value)) {
        if (member !== undefined && typeof member !== "function") parts.push(`${pyString(key)}: ${pyJson(member)}`);
      }
      return parts.length === 0 ? "{}" : `{${parts.join(", ")}}`;
    }
    default: return "null";
  }
}

const PLAIN = /^[ !#-[\]-~]*$/; // printable ASCII without '"' and '\'
const SPECIAL = /["\\]|[^ -~]/g;
const SHORT: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };

function pyString(text: string): string {
  if (PLAIN.test(text)) return `"${text}"`;
  return `"${text.replace(SPECIAL, (ch) => SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`;
}

function pyNumber(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  return String(n);
}

/** dazl's datetime encoding: UTC, `Z`, fractional seconds only when non-zero (microseconds, so six digits). */
function isoUtc(date: Date): string {
  const iso = date.toISOString();
  const ms = date.getUTCMilliseconds();
  return ms === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 23)}000Z`;
}
