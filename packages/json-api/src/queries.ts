// The JSON API v1 query language (ledger-protocol.md §1.7): `{field: value}` is deep partial equality on LF-typed
// values; `{field: {"%lt"|"%lte"|"%gt"|"%gte": v}}` compares Int64, Numeric, Text, Date and Timestamp values.
// Queries are checked against the payload's type first, so a malformed query is a 400, not a silent non-match.
import { decodeLfJson, normalizeLfJson, substituteType, type LfType, type LfTypeIndex, type LfValue } from "@dit/daml-lf";
import { badRequest } from "./errors.js";

export type Predicate = (payload: unknown) => boolean;

const RANGE_OPS = ["%lt", "%lte", "%gt", "%gte"] as const;
const UNSUPPORTED_EQUALITY: readonly string[] = ["List", "TextMap", "GenMap"];
type RangeOp = (typeof RANGE_OPS)[number];

/** Compiles a query against a template's payload type. `undefined` or `{}` matches everything. */
export function compileQuery(query: unknown, type: LfType, types: LfTypeIndex, path = "query"): Predicate {
  if (query === undefined || query === null) return () => true;
  if (typeof query !== "object" || Array.isArray(query)) throw badRequest(`${path}: a query is an object of field constraints`);
  const fields = recordFields(type, types);
  if (fields === undefined) throw badRequest(`${path}: field constraints need a record type`);
  const checks: Predicate[] = [];
  for (const [name, constraint] of Object.entries(query as Record<string, unknown>)) {
    const field = fields.get(name);
    if (field === undefined) throw badRequest(`${path}.${name}: no such field`);
    const check = compileConstraint(constraint, field, types, `${path}.${name}`);
    checks.push((payload) => check((payload as Record<string, unknown> | null)?.[name]));
  }
  return (payload) => checks.every((check) => check(payload));
}

function compileConstraint(constraint: unknown, type: LfType, types: LfTypeIndex, path: string): Predicate {
  if (isRange(constraint)) {
    const ops = Object.entries(constraint) as [RangeOp, unknown][];
    if ("%lt" in constraint && "%lte" in constraint) throw badRequest(`${path}: %lt and %lte are mutually exclusive`);
    if ("%gt" in constraint && "%gte" in constraint) throw badRequest(`${path}: %gt and %gte are mutually exclusive`);
    const bounds = ops.map(([op, bound]) => ({ op, bound: decodeLfJson(bound, type, types, { path: `${path}.${op}` }) }));
    return (actual) => {
      const value = safeDecode(actual, type, types);
      return value !== undefined && bounds.every(({ op, bound }) => holds(op, compare(value, bound)));
    };
  }
  if (type.kind === "prim" && UNSUPPORTED_EQUALITY.includes(type.prim)) {
    throw badRequest(`${path}: ${type.prim} fields cannot be queried (lists, TextMaps and GenMaps are not supported in equality)`);
  }
  const fields = recordFields(type, types);
  if (fields !== undefined && typeof constraint === "object" && constraint !== null && !Array.isArray(constraint)) {
    return compileQuery(constraint, type, types, path);
  }
  const expected = JSON.stringify(normalizeLfJson(constraint, type, types, { path }));
  return (actual) => JSON.stringify(actual) === expected;
}

function isRange(value: unknown): value is Partial<Record<RangeOp, unknown>> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => (RANGE_OPS as readonly string[]).includes(k));
}

const holds = (op: RangeOp, order: number) => (op === "%lt" ? order < 0 : op === "%lte" ? order <= 0 : op === "%gt" ? order > 0 : order >= 0);

function compare(a: LfValue, b: LfValue): number {
  const key = (v: LfValue): bigint | string => {
    switch (v.kind) {
      case "int64":
        return v.value;
      case "numeric":
        return v.unscaled;
      case "date":
        return BigInt(v.days);
      case "timestamp":
        return v.micros;
      case "text":
      case "party":
        return v.value;
      default:
        throw badRequest(`range queries are for Int64, Numeric, Text, Date and Timestamp, not ${v.kind}`);
    }
  };
  const x = key(a);
  const y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function safeDecode(json: unknown, type: LfType, types: LfTypeIndex): LfValue | undefined {
  try {
    return decodeLfJson(json, type, types);
  } catch {
    return undefined;
  }
}

/** The fields of a record type (type arguments applied), or undefined for other types. */
function recordFields(type: LfType, types: LfTypeIndex): Map<string, LfType> | undefined {
  if (type.kind === "syn") {
    const syn = types.synonym(type.tysyn);
    return recordFields(substituteType(syn.type, bind(syn.params, type.args)), types);
  }
  if (type.kind !== "con") return undefined;
  const data = types.dataType(type.tycon);
  if (data.cons.kind !== "record") return undefined;
  const bindings = bind(data.params, type.args);
  return new Map(data.cons.fields.map((f) => [f.name, substituteType(f.type, bindings)]));
}

const bind = (params: readonly { name: string }[], args: readonly LfType[]) =>
  new Map(params.map((p, i) => [p.name, args[i] as LfType]));
