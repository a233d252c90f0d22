import { joinPointer } from "./diagnostics.js";
import { YamlDate } from "./pyyaml-scalars.js";

/** The YAML dates of a document by JSON pointer (the schema sees them as ISO strings). */
export type DateIndex = Map<string, YamlDate>;

/** Thrown by `toJson` in `rejectShared` mode when the document reuses a node through an alias. */
export class SharedNodeError extends Error {}

/**
 * Plain JSON for schema checks: dates become ISO strings and are indexed, because YAML 1.1 reads an unquoted
 * 2024-01-02 as a date, not a string. With `rejectShared`, a node reached twice (an alias) throws instead of
 * being expanded again, so a parser that shares alias targets cannot be made to expand an alias bomb.
 */
export function toJson(value: unknown, dates: DateIndex, rejectShared = false): unknown {
  const seen = new Set<object>();
  const walk = (v: unknown, pointer: string): unknown => {
    if (v instanceof YamlDate) {
      dates.set(pointer, v);
      return v.iso;
    }
    if (v === null || typeof v !== "object") return v;
    if (rejectShared) {
      if (seen.has(v)) throw new SharedNodeError(pointer);
      seen.add(v);
    }
    if (Array.isArray(v) || v instanceof Set) return [...v].map((item: unknown, i) => walk(item, joinPointer(pointer, i)));
    const entries: Array<[unknown, unknown]> = v instanceof Map ? [...v] : Object.entries(v);
    return Object.fromEntries(entries.map(([k, item]) => [String(k), walk(item, joinPointer(pointer, String(k)))]));
  };
  return walk(value, "");
}
