// JSON as the original wrote it (Python json + dazl's encoder): ", " and ": " separators, non-ASCII escaped as
// \uXXXX, dates as ISO-8601 UTC with Z, bigints and Decimal-like values as strings.

export function pythonJson(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, seen: Set<object>): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      // Python writes NaN/Infinity; JSON consumers reject them, so they become null like JSON.stringify does.
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
  if (value instanceof Date) return quote(isoUtc(value));
  if (Buffer.isBuffer(value)) return quote(value.toString("utf8"));
  const object = value as object;
  if (seen.has(object)) throw new TypeError("Circular reference detected");
  seen.add(object);
  try {
    if (Array.isArray(object)) return `[${object.map((v) => write(v, seen)).join(", ")}]`;
    if (object instanceof Map) return `{${[...object].map(([k, v]) => `${quote(String(k))}: ${write(v, seen)}`).join(", ")}}`;
    const toJSON = (object as { toJSON?: () => unknown }).toJSON;
    if (typeof toJSON === "function") return write(toJSON.call(object), seen);
    const entries = Object.entries(object).filter(([, v]) => v !== undefined && typeof v !== "function");
    return `{${entries.map(([k, v]) => `${quote(k)}: ${write(v, seen)}`).join(", ")}}`;
  } finally {
    seen.delete(object);
  }
}

function quote(text: string): string {
  // JSON.stringify escapes control characters and quotes; Python additionally escapes everything beyond ASCII.
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** dazl's datetime encoding: microseconds only when non-zero (JS dates have milliseconds). */
function isoUtc(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith(".000Z") ? iso.slice(0, -5) + "Z" : iso.slice(0, -1) + "000Z";
}
