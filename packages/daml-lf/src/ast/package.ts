/** Daml-LF packages, modules and definitions. */
import type { Expr, VarWithType } from "./expr.js";
import type { FieldWithType, LfType, QualifiedName, TypeVarWithKind } from "./types.js";

export interface LfVersion {
  readonly major: 1;
  /** `"6"` … `"17"`, or `"dev"`. */
  readonly minor: string;
}

export interface SourceLocation {
  readonly module: string | undefined;
  readonly startLine: number;
  readonly startCol: number;
  readonly endLine: number;
  readonly endCol: number;
}

export interface PackageMetadata {
  readonly name: string;
  readonly version: string;
  readonly upgradedPackageId?: string;
}

export interface LfPackage {
  readonly modules: readonly LfModule[];
  /** Present from LF 1.8 on. */
  readonly metadata: PackageMetadata | undefined;
}

export interface FeatureFlags {
  readonly forbidPartyLiterals: boolean;
  readonly dontDivulgeContractIdsInCreateArguments: boolean;
  readonly dontDiscloseNonConsumingChoicesToObservers: boolean;
}

export interface LfModule {
  /** Dotted module name, e.g. `DA.Types`. */
  readonly name: string;
  readonly flags: FeatureFlags;
  readonly synonyms: readonly DefTypeSyn[];
  readonly dataTypes: readonly DefDataType[];
  readonly values: readonly DefValue[];
  readonly templates: readonly DefTemplate[];
  readonly exceptions: readonly DefException[];
  readonly interfaces: readonly DefInterface[];
}

export type DataCons =
  | { readonly kind: "record"; readonly fields: readonly FieldWithType[] }
  /** Each constructor with its argument type. */
  | { readonly kind: "variant"; readonly constructors: readonly FieldWithType[] }
  | { readonly kind: "enum"; readonly constructors: readonly string[] }
  | { readonly kind: "interface" };

export interface DefDataType {
  /** Dotted entity name, e.g. `Shape.Circle` for a variant constructor's record. */
  readonly name: string;
  readonly params: readonly TypeVarWithKind[];
  readonly cons: DataCons;
  readonly serializable: boolean;
  readonly location?: SourceLocation;
}

export interface DefTypeSyn {
  readonly name: string;
  readonly params: readonly TypeVarWithKind[];
  readonly type: LfType;
  readonly location?: SourceLocation;
}

export interface DefValue {
  readonly name: string;
  readonly type: LfType;
  readonly expr: Expr;
  readonly noPartyLiterals: boolean;
  readonly isTest: boolean;
  readonly location?: SourceLocation;
}

export interface DefException {
  readonly name: string;
  readonly message: Expr;
  readonly location?: SourceLocation;
}

export interface DefKey {
  readonly type: LfType;
  /** The key expression (LF's `complex_key`), a function of the template parameter. */
  readonly body: Expr;
  /** Of type `keyType -> List Party`. */
  readonly maintainers: Expr;
}

export interface TemplateChoice {
  readonly name: string;
  readonly consuming: boolean;
  readonly controllers: Expr;
  readonly observers?: Expr;
  readonly authorizers?: Expr;
  readonly argBinder: VarWithType;
  readonly returnType: LfType;
  readonly update: Expr;
  readonly selfBinder: string;
  readonly location?: SourceLocation;
}

export interface InterfaceInstanceBody {
  readonly methods: readonly { readonly name: string; readonly value: Expr }[];
  readonly view: Expr | undefined;
}

export interface TemplateImplements {
  readonly interface: QualifiedName;
  readonly body: InterfaceInstanceBody | undefined;
  readonly location?: SourceLocation;
}

export interface DefTemplate {
  /** The template's name; its payload is the record data type of the same name. */
  readonly tycon: string;
  /** The variable bound to the payload in the expressions below (usually `this`). */
  readonly param: string;
  readonly precondition: Expr;
  readonly signatories: Expr;
  readonly observers: Expr;
  readonly agreement: Expr;
  readonly choices: readonly TemplateChoice[];
  readonly key: DefKey | undefined;
  readonly implements: readonly TemplateImplements[];
  readonly location?: SourceLocation;
}

export interface InterfaceMethod {
  readonly name: string;
  readonly type: LfType;
}

export interface DefInterface {
  readonly tycon: string;
  readonly param: string;
  readonly methods: readonly InterfaceMethod[];
  readonly choices: readonly TemplateChoice[];
  readonly view: LfType | undefined;
  readonly requires: readonly QualifiedName[];
  readonly coImplements: readonly { readonly template: QualifiedName; readonly body: InterfaceInstanceBody | undefined }[];
  readonly location?: SourceLocation;
}
