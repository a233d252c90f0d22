import { FAILSAFE_SCHEMA, load, type Type as JsYamlType, Type } from "js-yaml";
import * as jsYaml from "js-yaml";
import { PYYAML_RESOLVERS } from "./pyyaml-scalars.js";
import { type DateIndex, toJson } from "./to-json.js";

// js-yaml parses about ten times faster than `yaml` but keeps no positions. Metadata is parsed with it first,
// with the same PyYAML scalar rules; only a document with findings (or anything unusual) is parsed again with
// `yaml` to place each finding. See docs/ARCHITECTURE.md ("Two parsers, one verdict").
const builtIn = (jsYaml as unknown as { types: Record<string, JsYamlType> }).types;

const SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    ...PYYAML_RESOLVERS.map((r) => new Type(r.tag, {
      kind: "scalar",
      resolve: (data: unknown) => (data === null ? r.tag.endsWith(":null") : typeof data === "string" && r.test.test(data)),
      construct: (data: unknown) => r.resolve(typeof data === "string" ? data : ""),
    })),
    ...[builtIn.merge].filter((t): t is JsYamlType => t !== undefined),
  ],
  explicit: ["binary", "omap", "pairs", "set"].map((name) => builtIn[name]).filter((t): t is JsYamlType => t !== undefined),
});

/**
 * The document as JSON plus its dates, or undefined when the fast parser cannot stand in for the full one:
 * a syntax error, a duplicate key, an alias to a collection, several documents.
 */
export function fastParse(text: string): { value: unknown; dates: DateIndex } | undefined {
  try {
    const dates: DateIndex = new Map();
    const value = toJson(load(text, { schema: SCHEMA }), dates, true);
    return { value, dates };
  } catch {
    return undefined;
  }
}
