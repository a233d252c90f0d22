/**
 * Daml-LF 1.x package-level messages (Archive, Package, Module, definitions, types, kinds). Written for this project
 * and checked against the real Daml 1.13.1 schema by test/real-daml-schema.test.ts; fields newer than that (interfaces:
 * numbers of the public LF 1.15 schema; authorizers, upgrades) are listed there as unchecked. Fields are only ever
 * added across LF 1.6–1.17.
 */
import type { AnyNestedObject } from "protobufjs";
import { enumeration, message } from "./schema-dsl.js";

export const packageMessages: Record<string, AnyNestedObject> = {
  HashFunction: enumeration({ SHA256: 0 }),
  Archive: message({ hashFunction: [1, "HashFunction"], payload: [3, "bytes"], hash: [4, "string"] }),
  // LF2 payloads are kept as raw bytes: we only need to know they are there, to refuse them clearly.
  ArchivePayload: message({ damlLf1: [2, "Package"], minor: [3, "string"], damlLf2: [4, "bytes"] }, { Sum: ["damlLf1", "damlLf2"] }),

  Unit: message({}),
  Package: message({
    modules: [1, "Module", "repeated"],
    internedStrings: [2, "string", "repeated"],
    internedDottedNames: [3, "InternedDottedName", "repeated"],
    metadata: [4, "PackageMetadata"],
    internedTypes: [5, "Type", "repeated"],
  }),
  PackageMetadata: message({
    nameInternedStr: [1, "int32"],
    versionInternedStr: [2, "int32"],
    upgradedPackageId: [3, "UpgradedPackageId"],
  }),
  UpgradedPackageId: message({ upgradedPackageIdInternedStr: [1, "int32"] }),
  InternedDottedName: message({ segmentsInternedStr: [1, "int32", "repeated"] }),
  DottedName: message({ segments: [1, "string", "repeated"] }),
  FeatureFlags: message({
    forbidPartyLiterals: [1, "bool"],
    dontDivulgeContractIdsInCreateArguments: [2, "bool"],
    dontDiscloseNonConsumingChoicesToObservers: [3, "bool"],
  }),
  Module: message(
    {
      nameDname: [1, "DottedName"],
      flags: [4, "FeatureFlags"],
      dataTypes: [5, "DefDataType", "repeated"],
      values: [6, "DefValue", "repeated"],
      templates: [7, "DefTemplate", "repeated"],
      nameInternedDname: [8, "int32"],
      synonyms: [9, "DefTypeSyn", "repeated"],
      exceptions: [10, "DefException", "repeated"],
      interfaces: [11, "DefInterface", "repeated"],
    },
    { name: ["nameDname", "nameInternedDname"] },
  ),

  PackageRef: message(
    { self: [1, "Unit"], packageIdStr: [2, "string"], packageIdInternedStr: [3, "int32"] },
    { Sum: ["self", "packageIdStr", "packageIdInternedStr"] },
  ),
  ModuleRef: message(
    { packageRef: [1, "PackageRef"], moduleNameDname: [2, "DottedName"], moduleNameInternedDname: [3, "int32"] },
    { moduleName: ["moduleNameDname", "moduleNameInternedDname"] },
  ),
  TypeConName: message(
    { module: [1, "ModuleRef"], nameDname: [2, "DottedName"], nameInternedDname: [3, "int32"] },
    { name: ["nameDname", "nameInternedDname"] },
  ),
  // TypeSynName has the same shape as TypeConName.
  ValName: message({ module: [1, "ModuleRef"], nameDname: [2, "string", "repeated"], nameInternedDname: [3, "int32"] }),

  FieldWithType: message(
    { fieldStr: [1, "string"], type: [2, "Type"], fieldInternedStr: [3, "int32"] },
    { field: ["fieldStr", "fieldInternedStr"] },
  ),
  VarWithType: message(
    { varStr: [1, "string"], type: [2, "Type"], varInternedStr: [3, "int32"] },
    { var: ["varStr", "varInternedStr"] },
  ),
  TypeVarWithKind: message(
    { varStr: [1, "string"], kind: [2, "Kind"], varInternedStr: [3, "int32"] },
    { var: ["varStr", "varInternedStr"] },
  ),
  Kind: message({ star: [1, "Unit"], arrow: [2, "KindArrow"], nat: [3, "Unit"] }, { Sum: ["star", "arrow", "nat"] }),
  KindArrow: message({ params: [1, "Kind", "repeated"], result: [2, "Kind"] }),

  PrimType: enumeration({
    UNIT: 0, BOOL: 1, INT64: 2, DECIMAL: 3, TEXT: 5, TIMESTAMP: 6, PARTY: 8, LIST: 9, UPDATE: 10, SCENARIO: 11,
    DATE: 12, CONTRACT_ID: 13, OPTIONAL: 14, ARROW: 15, TEXTMAP: 16, NUMERIC: 17, ANY: 18, TYPE_REP: 19, GENMAP: 20,
    BIGNUMERIC: 21, ROUNDING_MODE: 22, ANY_EXCEPTION: 23,
  }),
  Type: message(
    {
      var: [1, "TypeVar"], con: [2, "TypeCon"], prim: [3, "TypePrim"], forall: [5, "TypeForall"],
      struct: [7, "TypeStruct"], nat: [11, "sint64"], syn: [12, "TypeSyn"], interned: [13, "int32"],
    },
    { Sum: ["var", "con", "prim", "forall", "struct", "nat", "syn", "interned"] },
  ),
  TypeVar: message(
    { varStr: [1, "string"], args: [2, "Type", "repeated"], varInternedStr: [3, "int32"] },
    { var: ["varStr", "varInternedStr"] },
  ),
  TypeCon: message({ tycon: [1, "TypeConName"], args: [2, "Type", "repeated"] }),
  TypePrim: message({ prim: [1, "PrimType"], args: [2, "Type", "repeated"] }),
  TypeForall: message({ vars: [1, "TypeVarWithKind", "repeated"], body: [2, "Type"] }),
  TypeStruct: message({ fields: [1, "FieldWithType", "repeated"] }),
  TypeSyn: message({ tysyn: [1, "TypeConName"], args: [2, "Type", "repeated"] }),

  DefDataType: message(
    {
      nameDname: [1, "DottedName"],
      params: [2, "TypeVarWithKind", "repeated"],
      record: [3, "DataFields"],
      variant: [4, "DataFields"],
      serializable: [5, "bool"],
      location: [6, "Location"],
      enum: [7, "EnumConstructors"],
      nameInternedDname: [8, "int32"],
      interface: [9, "Unit"],
    },
    { name: ["nameDname", "nameInternedDname"], DataCons: ["record", "variant", "enum", "interface"] },
  ),
  DataFields: message({ fields: [1, "FieldWithType", "repeated"] }),
  EnumConstructors: message({
    constructorsStr: [1, "string", "repeated"],
    constructorsInternedStr: [2, "int32", "repeated"],
  }),
  DefTypeSyn: message(
    {
      nameDname: [1, "DottedName"],
      params: [2, "TypeVarWithKind", "repeated"],
      type: [3, "Type"],
      location: [4, "Location"],
      nameInternedDname: [8, "int32"],
    },
    { name: ["nameDname", "nameInternedDname"] },
  ),
  DefValue: message({
    nameWithType: [1, "NameWithType"],
    expr: [2, "Expr"],
    noPartyLiterals: [3, "bool"],
    isTest: [4, "bool"],
    location: [5, "Location"],
  }),
  NameWithType: message({ nameDname: [1, "string", "repeated"], type: [2, "Type"], nameInternedDname: [3, "int32"] }),
  DefException: message({ nameInternedDname: [1, "int32"], location: [2, "Location"], message: [3, "Expr"] }),

  DefTemplate: message(
    {
      tyconDname: [1, "DottedName"],
      paramStr: [2, "string"],
      precond: [4, "Expr"],
      signatories: [5, "Expr"],
      agreement: [6, "Expr"],
      choices: [7, "TemplateChoice", "repeated"],
      observers: [8, "Expr"],
      location: [9, "Location"],
      key: [10, "DefKey"],
      paramInternedStr: [11, "int32"],
      tyconInternedDname: [12, "int32"],
      implements: [13, "TemplateImplements", "repeated"],
    },
    { tycon: ["tyconDname", "tyconInternedDname"], param: ["paramStr", "paramInternedStr"] },
  ),
  DefKey: message(
    { type: [1, "Type"], key: [2, "KeyExpr"], maintainers: [3, "Expr"], complexKey: [4, "Expr"] },
    { keyExpr: ["key", "complexKey"] },
  ),
  TemplateImplements: message({
    interface: [1, "TypeConName"],
    body: [2, "InterfaceInstanceBody"],
    location: [3, "Location"],
  }),
  InterfaceInstanceBody: message({ methods: [1, "InterfaceInstanceMethod", "repeated"], view: [2, "Expr"] }),
  InterfaceInstanceMethod: message({ methodInternedName: [1, "int32"], value: [2, "Expr"] }),
  TemplateChoice: message(
    {
      nameStr: [1, "string"],
      consuming: [2, "bool"],
      controllers: [3, "Expr"],
      argBinder: [4, "VarWithType"],
      retType: [5, "Type"],
      update: [6, "Expr"],
      selfBinderStr: [7, "string"],
      location: [8, "Location"],
      nameInternedStr: [9, "int32"],
      selfBinderInternedStr: [10, "int32"],
      observers: [11, "Expr"],
      authorizers: [12, "Expr"],
    },
    { name: ["nameStr", "nameInternedStr"], selfBinder: ["selfBinderStr", "selfBinderInternedStr"] },
  ),
  DefInterface: message({
    location: [1, "Location"],
    tyconInternedDname: [2, "int32"],
    methods: [3, "InterfaceMethod", "repeated"],
    paramInternedStr: [4, "int32"],
    choices: [5, "TemplateChoice", "repeated"],
    coImplements: [6, "InterfaceCoImplements", "repeated"],
    view: [8, "Type"],
    requires: [9, "TypeConName", "repeated"],
  }),
  InterfaceMethod: message({ location: [1, "Location"], methodInternedName: [2, "int32"], type: [3, "Type"] }),
  InterfaceCoImplements: message({
    template: [1, "TypeConName"],
    body: [2, "InterfaceInstanceBody"],
    location: [3, "Location"],
  }),

  Location: message({ module: [1, "ModuleRef"], range: [2, "LocationRange"] }),
  LocationRange: message({ startLine: [1, "int32"], startCol: [2, "int32"], endLine: [3, "int32"], endCol: [4, "int32"] }),
};
