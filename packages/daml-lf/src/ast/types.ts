/** Daml-LF types and kinds, with every interned name and type resolved. Treat the AST as immutable: decoded
 * interned types are shared between their uses. */

/** Which package a reference points into: this one, or another by package id. */
export type PackageRef = { readonly kind: "self" } | { readonly kind: "imported"; readonly packageId: string };

/** A reference to a data type, template, interface, synonym or value: `Module.Path` + dotted `Name`. */
export interface QualifiedName {
  readonly package: PackageRef;
  readonly module: string;
  readonly name: string;
}

export type PrimTypeName =
  | "Unit" | "Bool" | "Int64" | "Decimal" | "Text" | "Timestamp" | "Party" | "List" | "Update" | "Scenario"
  | "Date" | "ContractId" | "Optional" | "Arrow" | "TextMap" | "Numeric" | "Any" | "TypeRep" | "GenMap"
  | "BigNumeric" | "RoundingMode" | "AnyException";

export type Kind =
  | { readonly kind: "star" }
  | { readonly kind: "nat" }
  | { readonly kind: "arrow"; readonly params: readonly Kind[]; readonly result: Kind };

export interface TypeVarWithKind {
  readonly name: string;
  readonly kind: Kind;
}

export interface FieldWithType {
  readonly name: string;
  readonly type: LfType;
}

export type LfType =
  | { readonly kind: "var"; readonly name: string; readonly args: readonly LfType[] }
  | { readonly kind: "con"; readonly tycon: QualifiedName; readonly args: readonly LfType[] }
  | { readonly kind: "prim"; readonly prim: PrimTypeName; readonly args: readonly LfType[] }
  | { readonly kind: "forall"; readonly vars: readonly TypeVarWithKind[]; readonly body: LfType }
  | { readonly kind: "struct"; readonly fields: readonly FieldWithType[] }
  | { readonly kind: "nat"; readonly value: number }
  | { readonly kind: "syn"; readonly tysyn: QualifiedName; readonly args: readonly LfType[] };

/** A type constructor applied to arguments, as used by record and variant expressions. */
export interface TypeConApp {
  readonly tycon: QualifiedName;
  readonly args: readonly LfType[];
}

/** PrimType enum numbers of the LF1 protobuf, index = wire value. */
export const primTypeByNumber: readonly (PrimTypeName | undefined)[] = [
  "Unit", "Bool", "Int64", "Decimal", undefined, "Text", "Timestamp", undefined, "Party", "List", "Update",
  "Scenario", "Date", "ContractId", "Optional", "Arrow", "TextMap", "Numeric", "Any", "TypeRep", "GenMap",
  "BigNumeric", "RoundingMode", "AnyException",
];

export function primTypeNumber(prim: PrimTypeName): number {
  return primTypeByNumber.indexOf(prim);
}
