/** A hand-built package AST that touches every definition kind and most expression kinds (tests only). */
import type { Expr } from "../ast/expr.js";
import type { LfPackage } from "../ast/package.js";
import type { LfType, QualifiedName } from "../ast/types.js";

const self = { kind: "self" } as const;
export const ref = (module: string, name: string): QualifiedName => ({ package: self, module, name });
const prim = (p: "Party" | "Text" | "Int64" | "Bool" | "Unit" | "List" | "Optional" | "Update" | "ContractId", ...args: LfType[]): LfType => ({
  kind: "prim",
  prim: p,
  args,
});
const party = prim("Party");
const numeric10: LfType = { kind: "prim", prim: "Numeric", args: [{ kind: "nat", value: 10 }] };
const iouType: LfType = { kind: "con", tycon: ref("Main", "Iou"), args: [] };
const v = (name: string): Expr => ({ kind: "var", name });
const proj = (record: Expr, field: string): Expr => ({ kind: "recProj", tycon: { tycon: ref("Main", "Iou"), args: [] }, field, record });
const partyList = (...items: Expr[]): Expr => ({ kind: "cons", type: party, front: items, tail: { kind: "nil", type: party } });

export function samplePackage(depth = 1): LfPackage {
  let deep: Expr = { kind: "primLit", lit: { kind: "int64", value: 1n } };
  for (let i = 0; i < depth; i++) deep = { kind: "app", fun: { kind: "builtin", code: 7 }, args: [deep, { kind: "primLit", lit: { kind: "int64", value: -2n } }] };
  return {
    metadata: { name: "sample", version: "1.0.0" },
    modules: [
      {
        name: "Main",
        flags: { forbidPartyLiterals: true, dontDivulgeContractIdsInCreateArguments: true, dontDiscloseNonConsumingChoicesToObservers: true },
        synonyms: [{ name: "PartyAlias", params: [], type: party }],
        dataTypes: [
          {
            name: "Iou",
            params: [],
            serializable: true,
            cons: {
              kind: "record",
              fields: [
                { name: "issuer", type: party },
                { name: "owner", type: party },
                { name: "amount", type: numeric10 },
                { name: "note", type: prim("Optional", prim("Text")) },
              ],
            },
          },
          { name: "Transfer", params: [], serializable: true, cons: { kind: "record", fields: [{ name: "newOwner", type: party }] } },
          { name: "Color", params: [], serializable: true, cons: { kind: "enum", constructors: ["Red", "Green"] } },
          {
            name: "Either2",
            params: [{ name: "a", kind: { kind: "star" } }, { name: "f", kind: { kind: "arrow", params: [{ kind: "star" }], result: { kind: "star" } } }],
            serializable: true,
            cons: { kind: "variant", constructors: [{ name: "L", type: { kind: "var", name: "a", args: [] } }, { name: "R", type: prim("Unit") }] },
          },
        ],
        values: [
          {
            name: "deep",
            type: prim("Int64"),
            expr: deep,
            noPartyLiterals: true,
            isTest: false,
            location: { module: "Main", startLine: 1, startCol: 2, endLine: 3, endCol: 4 },
          },
          {
            name: "misc",
            type: prim("Text"),
            noPartyLiterals: true,
            isTest: false,
            expr: {
              kind: "let",
              bindings: [{ binder: { name: "x", type: prim("Bool") }, bound: { kind: "primCon", con: "True" } }],
              body: {
                kind: "case",
                scrut: v("x"),
                alts: [
                  { pattern: { kind: "primCon", con: "True" }, body: { kind: "primLit", lit: { kind: "text", value: "yes" } } },
                  { pattern: { kind: "default" }, body: { kind: "enumCon", tycon: ref("Main", "Color"), constructor: "Red" } },
                  { pattern: { kind: "cons", head: "h", tail: "t" }, body: { kind: "optionalSome", type: party, body: { kind: "primLit", lit: { kind: "party", value: "Alice" } } } },
                  { pattern: { kind: "optionalSome", body: "y" }, body: { kind: "primLit", lit: { kind: "numeric", value: "1.5000000000" } } },
                  {
                    pattern: { kind: "variant", tycon: ref("Main", "Either2"), variant: "L", binder: "z" },
                    body: { kind: "tyAbs", params: [{ name: "t", kind: { kind: "star" } }], body: { kind: "primLit", lit: { kind: "timestamp", value: -5n } } },
                  },
                  { pattern: { kind: "enum", tycon: ref("Main", "Color"), constructor: "Green" }, body: { kind: "primLit", lit: { kind: "date", value: 19000 } } },
                  {
                    pattern: { kind: "nil" },
                    body: {
                      kind: "structProj",
                      field: "a",
                      struct: { kind: "structCon", fields: [{ name: "a", expr: { kind: "val", ref: { package: { kind: "imported", packageId: "ab".repeat(32) }, module: "DA.Types", name: "x" } } }] },
                    },
                  },
                ],
              },
            },
          },
        ],
        templates: [
          {
            tycon: "Iou",
            param: "this",
            precondition: { kind: "primCon", con: "True" },
            signatories: partyList(proj(v("this"), "issuer")),
            observers: partyList(proj(v("this"), "owner")),
            agreement: { kind: "primLit", lit: { kind: "text", value: "" } },
            key: {
              type: party,
              body: proj(v("this"), "issuer"),
              maintainers: { kind: "abs", params: [{ name: "key", type: party }], body: partyList(v("key")) },
            },
            implements: [],
            choices: [
              {
                name: "Transfer",
                consuming: true,
                controllers: partyList(proj(v("this"), "owner")),
                observers: partyList(),
                argBinder: { name: "arg", type: { kind: "con", tycon: ref("Main", "Transfer"), args: [] } },
                returnType: prim("ContractId", iouType),
                selfBinder: "self",
                update: {
                  kind: "update",
                  update: {
                    kind: "create",
                    template: ref("Main", "Iou"),
                    expr: {
                      kind: "recUpd",
                      tycon: { tycon: ref("Main", "Iou"), args: [] },
                      field: "owner",
                      record: v("this"),
                      update: { kind: "recProj", tycon: { tycon: ref("Main", "Transfer"), args: [] }, field: "newOwner", record: v("arg") },
                    },
                  },
                },
              },
            ],
          },
        ],
        exceptions: [],
        interfaces: [],
      },
    ],
  };
}
