/** Short constructors for LF types (`T`) and expressions (`E`), for building packages by hand. */
import type { Expr, Update } from "../ast/expr.js";
import type { LfType, QualifiedName } from "../ast/types.js";
import { formatNumericLiteral, parseNumeric } from "../codec/numeric.js";
import { DamlLfError } from "../errors.js";

/** A data type in the package being built (a `self` reference). */
export function selfRef(module: string, name: string): QualifiedName {
  return { package: { kind: "self" }, module, name };
}

const prim = (p: Extract<LfType, { kind: "prim" }>["prim"], ...args: LfType[]): LfType => ({ kind: "prim", prim: p, args });

export const T = {
  unit: prim("Unit"),
  bool: prim("Bool"),
  int64: prim("Int64"),
  text: prim("Text"),
  party: prim("Party"),
  date: prim("Date"),
  timestamp: prim("Timestamp"),
  numeric: (scale: number): LfType => prim("Numeric", { kind: "nat", value: scale }),
  list: (item: LfType): LfType => prim("List", item),
  optional: (item: LfType): LfType => prim("Optional", item),
  textMap: (item: LfType): LfType => prim("TextMap", item),
  genMap: (key: LfType, value: LfType): LfType => prim("GenMap", key, value),
  contractId: (template: LfType): LfType => prim("ContractId", template),
  update: (result: LfType): LfType => prim("Update", result),
  arrow: (from: LfType, to: LfType): LfType => prim("Arrow", from, to),
  con: (ref: QualifiedName, ...args: LfType[]): LfType => ({ kind: "con", tycon: ref, args }),
  var: (name: string): LfType => ({ kind: "var", name, args: [] }),
};

const conApp = (type: LfType) => {
  if (type.kind !== "con") throw new DamlLfError("build/invalid", "record and variant expressions need a data type (T.con)");
  return { tycon: type.tycon, args: type.args };
};

export const E = {
  var: (name: string): Expr => ({ kind: "var", name }),
  unit: { kind: "primCon", con: "Unit" } as Expr,
  true: { kind: "primCon", con: "True" } as Expr,
  false: { kind: "primCon", con: "False" } as Expr,
  text: (value: string): Expr => ({ kind: "primLit", lit: { kind: "text", value } }),
  int64: (value: bigint | number): Expr => ({ kind: "primLit", lit: { kind: "int64", value: BigInt(value) } }),
  /** A Numeric literal at `scale`, e.g. `E.numeric("1.5", 10)`. */
  numeric: (value: string, scale: number): Expr => {
    const parsed = parseNumeric(value, scale);
    if (parsed === undefined) throw new DamlLfError("build/invalid", `"${value}" is not a decimal number`);
    return { kind: "primLit", lit: { kind: "numeric", value: formatNumericLiteral(parsed) } };
  },
  /** `[x1, ..., xn] : List itemType`. */
  list: (itemType: LfType, items: readonly Expr[]): Expr =>
    items.length === 0 ? { kind: "nil", type: itemType } : { kind: "cons", type: itemType, front: items, tail: { kind: "nil", type: itemType } },
  none: (type: LfType): Expr => ({ kind: "optionalNone", type }),
  some: (type: LfType, body: Expr): Expr => ({ kind: "optionalSome", type, body }),
  field: (recordType: LfType, record: Expr, field: string): Expr => ({ kind: "recProj", tycon: conApp(recordType), field, record }),
  record: (recordType: LfType, fields: Record<string, Expr>): Expr => ({
    kind: "recCon",
    tycon: conApp(recordType),
    fields: Object.entries(fields).map(([name, expr]) => ({ name, expr })),
  }),
  withField: (recordType: LfType, record: Expr, field: string, value: Expr): Expr => ({ kind: "recUpd", tycon: conApp(recordType), field, record, update: value }),
  variant: (variantType: LfType, constructor: string, arg: Expr): Expr => ({ kind: "variantCon", tycon: conApp(variantType), variant: constructor, arg }),
  enum: (ref: QualifiedName, constructor: string): Expr => ({ kind: "enumCon", tycon: ref, constructor }),
  app: (fun: Expr, ...args: Expr[]): Expr => ({ kind: "app", fun, args }),
  lam: (params: readonly { name: string; type: LfType }[], body: Expr): Expr => ({ kind: "abs", params, body }),
  let: (bindings: readonly { name: string; type: LfType; value: Expr }[], body: Expr): Expr => ({
    kind: "let",
    bindings: bindings.map((b) => ({ binder: { name: b.name, type: b.type }, bound: b.value })),
    body,
  }),
  val: (ref: QualifiedName): Expr => ({ kind: "val", ref }),
  update: (update: Update): Expr => ({ kind: "update", update }),
  pure: (type: LfType, expr: Expr): Expr => ({ kind: "update", update: { kind: "pure", type, expr } }),
  create: (template: QualifiedName, payload: Expr): Expr => ({ kind: "update", update: { kind: "create", template, expr: payload } }),
  exercise: (template: QualifiedName, choice: string, cid: Expr, arg: Expr): Expr => ({ kind: "update", update: { kind: "exercise", template, choice, cid, arg } }),
  fetch: (template: QualifiedName, cid: Expr): Expr => ({ kind: "update", update: { kind: "fetch", template, cid } }),
  /** `do { x1 <- u1; ...; body }` in Update. */
  bind: (bindings: readonly { name: string; type: LfType; update: Expr }[], body: Expr): Expr => ({
    kind: "update",
    update: { kind: "block", bindings: bindings.map((b) => ({ binder: { name: b.name, type: b.type }, bound: b.update })), body },
  }),
};
