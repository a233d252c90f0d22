/** Daml-LF expressions, updates and scenarios. */
import type { QualifiedName, LfType, TypeConApp, TypeVarWithKind } from "./types.js";

export interface VarWithType {
  readonly name: string;
  readonly type: LfType;
}

export interface FieldWithExpr {
  readonly name: string;
  readonly expr: Expr;
}

export interface Binding {
  readonly binder: VarWithType;
  readonly bound: Expr;
}

export type RoundingModeName =
  | "UP" | "DOWN" | "CEILING" | "FLOOR" | "HALF_UP" | "HALF_DOWN" | "HALF_EVEN" | "UNNECESSARY";

export type PrimLit =
  | { readonly kind: "int64"; readonly value: bigint }
  /** Numeric literal text as stored in the package, e.g. `"1.0000000000"`. */
  | { readonly kind: "numeric"; readonly value: string }
  /** Pre-LF-1.7 `Decimal` literal. */
  | { readonly kind: "decimal"; readonly value: string }
  | { readonly kind: "text"; readonly value: string }
  /** Microseconds since the Unix epoch. */
  | { readonly kind: "timestamp"; readonly value: bigint }
  | { readonly kind: "party"; readonly value: string }
  /** Days since the Unix epoch. */
  | { readonly kind: "date"; readonly value: number }
  | { readonly kind: "roundingMode"; readonly value: RoundingModeName };

export type PrimConName = "Unit" | "False" | "True";

export type CasePattern =
  | { readonly kind: "default" }
  | { readonly kind: "variant"; readonly tycon: QualifiedName; readonly variant: string; readonly binder: string }
  | { readonly kind: "enum"; readonly tycon: QualifiedName; readonly constructor: string }
  | { readonly kind: "primCon"; readonly con: PrimConName }
  | { readonly kind: "nil" }
  | { readonly kind: "cons"; readonly head: string; readonly tail: string }
  | { readonly kind: "optionalNone" }
  | { readonly kind: "optionalSome"; readonly body: string };

export interface CaseAlt {
  readonly pattern: CasePattern;
  readonly body: Expr;
}

/** `toInterface`, `fromInterface` and the required-interface conversions share this shape. */
export interface InterfaceConversion {
  readonly interface: QualifiedName;
  readonly template: QualifiedName;
  readonly expr: Expr;
}

export type Expr =
  | { readonly kind: "var"; readonly name: string }
  | { readonly kind: "val"; readonly ref: QualifiedName }
  /** A builtin function by its LF1 enum number; `builtinName` gives the name where known. */
  | { readonly kind: "builtin"; readonly code: number }
  | { readonly kind: "primCon"; readonly con: PrimConName }
  | { readonly kind: "primLit"; readonly lit: PrimLit }
  | { readonly kind: "recCon"; readonly tycon: TypeConApp; readonly fields: readonly FieldWithExpr[] }
  | { readonly kind: "recProj"; readonly tycon: TypeConApp; readonly field: string; readonly record: Expr }
  | { readonly kind: "recUpd"; readonly tycon: TypeConApp; readonly field: string; readonly record: Expr; readonly update: Expr }
  | { readonly kind: "variantCon"; readonly tycon: TypeConApp; readonly variant: string; readonly arg: Expr }
  | { readonly kind: "enumCon"; readonly tycon: QualifiedName; readonly constructor: string }
  | { readonly kind: "structCon"; readonly fields: readonly FieldWithExpr[] }
  | { readonly kind: "structProj"; readonly field: string; readonly struct: Expr }
  | { readonly kind: "structUpd"; readonly field: string; readonly struct: Expr; readonly update: Expr }
  | { readonly kind: "app"; readonly fun: Expr; readonly args: readonly Expr[] }
  | { readonly kind: "tyApp"; readonly expr: Expr; readonly types: readonly LfType[] }
  | { readonly kind: "abs"; readonly params: readonly VarWithType[]; readonly body: Expr }
  | { readonly kind: "tyAbs"; readonly params: readonly TypeVarWithKind[]; readonly body: Expr }
  | { readonly kind: "case"; readonly scrut: Expr; readonly alts: readonly CaseAlt[] }
  | { readonly kind: "let"; readonly bindings: readonly Binding[]; readonly body: Expr }
  | { readonly kind: "nil"; readonly type: LfType }
  | { readonly kind: "cons"; readonly type: LfType; readonly front: readonly Expr[]; readonly tail: Expr }
  | { readonly kind: "optionalNone"; readonly type: LfType }
  | { readonly kind: "optionalSome"; readonly type: LfType; readonly body: Expr }
  | { readonly kind: "toAny" | "fromAny" | "toAnyException" | "fromAnyException"; readonly type: LfType; readonly expr: Expr }
  | { readonly kind: "typeRep"; readonly type: LfType }
  | { readonly kind: "throw"; readonly returnType: LfType; readonly exceptionType: LfType; readonly exceptionExpr: Expr }
  | ({ readonly kind: "toInterface" | "fromInterface" | "toRequiredInterface" | "fromRequiredInterface" } & InterfaceConversion)
  | {
      readonly kind: "unsafeFromInterface" | "unsafeFromRequiredInterface";
      readonly interface: QualifiedName;
      readonly template: QualifiedName;
      readonly contractId: Expr;
      readonly interfaceExpr: Expr;
    }
  | { readonly kind: "callInterface"; readonly interface: QualifiedName; readonly method: string; readonly expr: Expr }
  | {
      readonly kind: "signatoryInterface" | "observerInterface" | "viewInterface" | "interfaceTemplateTypeRep";
      readonly interface: QualifiedName;
      readonly expr: Expr;
    }
  | { readonly kind: "update"; readonly update: Update }
  | { readonly kind: "scenario"; readonly scenario: Scenario };

export type Update =
  | { readonly kind: "pure"; readonly type: LfType; readonly expr: Expr }
  | { readonly kind: "block"; readonly bindings: readonly Binding[]; readonly body: Expr }
  | { readonly kind: "create" | "createInterface"; readonly template: QualifiedName; readonly expr: Expr }
  | {
      readonly kind: "exercise";
      readonly template: QualifiedName;
      readonly choice: string;
      readonly cid: Expr;
      readonly arg: Expr;
    }
  | {
      readonly kind: "exerciseInterface";
      readonly interface: QualifiedName;
      readonly choice: string;
      readonly cid: Expr;
      readonly arg: Expr;
      readonly guard?: Expr;
    }
  | { readonly kind: "exerciseByKey"; readonly template: QualifiedName; readonly choice: string; readonly key: Expr; readonly arg: Expr }
  | { readonly kind: "fetch" | "fetchInterface"; readonly template: QualifiedName; readonly cid: Expr }
  | { readonly kind: "getTime" }
  | { readonly kind: "embedExpr"; readonly type: LfType; readonly body: Expr }
  | { readonly kind: "lookupByKey" | "fetchByKey"; readonly template: QualifiedName; readonly key: Expr }
  | { readonly kind: "tryCatch"; readonly returnType: LfType; readonly tryExpr: Expr; readonly var: string; readonly catchExpr: Expr };

export type Scenario =
  | { readonly kind: "pure"; readonly type: LfType; readonly expr: Expr }
  | { readonly kind: "block"; readonly bindings: readonly Binding[]; readonly body: Expr }
  | { readonly kind: "commit" | "mustFailAt"; readonly party: Expr; readonly expr: Expr; readonly retType: LfType }
  | { readonly kind: "pass"; readonly expr: Expr }
  | { readonly kind: "getTime" }
  | { readonly kind: "getParty"; readonly expr: Expr }
  | { readonly kind: "embedExpr"; readonly type: LfType; readonly body: Expr };
