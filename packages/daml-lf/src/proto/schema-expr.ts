/**
 * Daml-LF 1.x expression, update and scenario messages. Written for this project; test/real-daml-schema.test.ts checks
 * every field against the real schema of Daml 1.13.1 (from Maven Central) and test/real-dars.test.ts checks the schema
 * is complete by re-encoding every decoded payload and comparing bytes.
 */
import type { AnyNestedObject } from "protobufjs";
import { builtinNumbers } from "../ast/builtins.js";
import { enumeration, message } from "./schema-dsl.js";

const exprSum = {
  varStr: [1, "string"], val: [2, "ValName"], builtin: [3, "BuiltinFunction"], primCon: [4, "PrimCon"],
  primLit: [5, "PrimLit"], recCon: [6, "RecCon"], recProj: [7, "RecProj"], variantCon: [8, "VariantCon"],
  structCon: [9, "StructCon"], structProj: [10, "StructProj"], app: [11, "App"], tyApp: [12, "TyApp"],
  abs: [13, "Abs"], tyAbs: [14, "TyAbs"], case: [15, "Case"], let: [16, "Block"], nil: [17, "Nil"],
  cons: [18, "Cons"], update: [20, "Update"], scenario: [21, "Scenario"], recUpd: [22, "RecUpd"],
  structUpd: [23, "StructUpd"], optionalNone: [26, "OptionalNone"], optionalSome: [27, "OptionalSome"],
  enumCon: [28, "EnumCon"], varInternedStr: [29, "int32"], toAny: [30, "TypeAndExpr"], fromAny: [31, "TypeAndExpr"],
  typeRep: [32, "Type"], toAnyException: [33, "TypeAndExpr"], fromAnyException: [34, "TypeAndExpr"], throw: [35, "Throw"],
  // LF 1.15 interfaces: numbers from the public LF 1.15 schema; Sandbox 1.13.1's schema predates them (unchecked).
  toInterface: [36, "InterfaceConversion"], fromInterface: [37, "InterfaceConversion"],
  callInterface: [38, "CallInterface"], signatoryInterface: [39, "InterfaceAndExpr"],
  observerInterface: [40, "InterfaceAndExpr"], viewInterface: [41, "InterfaceAndExpr"],
  unsafeFromInterface: [42, "UnsafeFromInterface"], interfaceTemplateTypeRep: [43, "InterfaceAndExpr"],
  toRequiredInterface: [44, "InterfaceConversion"], fromRequiredInterface: [45, "InterfaceConversion"],
  unsafeFromRequiredInterface: [46, "UnsafeFromInterface"],
} as const;

const updateSum = {
  pure: [1, "Pure"], block: [2, "Block"], create: [3, "UpdateCreate"], exercise: [4, "UpdateExercise"],
  fetch: [5, "UpdateFetch"], getTime: [6, "Unit"], embedExpr: [7, "TypeAndBody"], lookupByKey: [8, "RetrieveByKey"],
  fetchByKey: [9, "RetrieveByKey"], exerciseByKey: [10, "ExerciseByKey"], tryCatch: [11, "TryCatch"],
  // LF 1.15 (unchecked, as above).
  createInterface: [12, "UpdateCreate"], exerciseInterface: [13, "ExerciseInterface"], fetchInterface: [14, "UpdateFetch"],
} as const;

const scenarioSum = {
  pure: [1, "Pure"], block: [2, "Block"], commit: [3, "ScenarioCommit"], mustFailAt: [4, "ScenarioCommit"],
  pass: [5, "Expr"], getTime: [6, "Unit"], getParty: [7, "Expr"], embedExpr: [8, "TypeAndBody"],
} as const;

const caseAltSum = {
  default: [1, "Unit"], variant: [2, "CaseAltVariant"], primCon: [3, "PrimCon"], nil: [4, "Unit"],
  cons: [5, "CaseAltCons"], optionalNone: [7, "Unit"], optionalSome: [8, "CaseAltOptionalSome"],
  enum: [9, "CaseAltEnum"],
} as const;

const primLitSum = {
  int64: [1, "sint64"], decimalStr: [2, "string"], textStr: [4, "string"], timestamp: [5, "sfixed64"],
  partyStr: [7, "string"], date: [8, "int32"], numericInternedStr: [10, "int32"], textInternedStr: [11, "int32"],
  partyInternedStr: [12, "int32"], roundingMode: [13, "RoundingMode"],
} as const;

export const exprMessages: Record<string, AnyNestedObject> = {
  // Only the builtins we name (ast/builtins.ts); the wire value is kept as a number either way.
  BuiltinFunction: enumeration(Object.fromEntries(builtinNumbers)),
  PrimCon: enumeration({ CON_UNIT: 0, CON_FALSE: 1, CON_TRUE: 2 }),
  RoundingMode: enumeration({
    UP: 0, DOWN: 1, CEILING: 2, FLOOR: 3, HALF_UP: 4, HALF_DOWN: 5, HALF_EVEN: 6, UNNECESSARY: 7,
  }),
  PrimLit: message(primLitSum, { Sum: Object.keys(primLitSum) }),
  Expr: message({ ...exprSum, location: [25, "Location"] }, { Sum: Object.keys(exprSum) }),

  FieldWithExpr: message(
    { fieldStr: [1, "string"], expr: [2, "Expr"], fieldInternedStr: [3, "int32"] },
    { field: ["fieldStr", "fieldInternedStr"] },
  ),
  RecCon: message({ tycon: [1, "TypeCon"], fields: [2, "FieldWithExpr", "repeated"] }),
  RecProj: message(
    { tycon: [1, "TypeCon"], fieldStr: [2, "string"], record: [3, "Expr"], fieldInternedStr: [4, "int32"] },
    { field: ["fieldStr", "fieldInternedStr"] },
  ),
  RecUpd: message(
    {
      tycon: [1, "TypeCon"], fieldStr: [2, "string"], record: [3, "Expr"], update: [4, "Expr"],
      fieldInternedStr: [5, "int32"],
    },
    { field: ["fieldStr", "fieldInternedStr"] },
  ),
  VariantCon: message(
    { tycon: [1, "TypeCon"], variantConStr: [2, "string"], variantArg: [3, "Expr"], variantConInternedStr: [4, "int32"] },
    { variantCon: ["variantConStr", "variantConInternedStr"] },
  ),
  EnumCon: message(
    { tycon: [1, "TypeConName"], enumConStr: [2, "string"], enumConInternedStr: [3, "int32"] },
    { enumCon: ["enumConStr", "enumConInternedStr"] },
  ),
  StructCon: message({ fields: [1, "FieldWithExpr", "repeated"] }),
  StructProj: message(
    { fieldStr: [1, "string"], struct: [2, "Expr"], fieldInternedStr: [3, "int32"] },
    { field: ["fieldStr", "fieldInternedStr"] },
  ),
  StructUpd: message(
    { fieldStr: [1, "string"], struct: [2, "Expr"], update: [3, "Expr"], fieldInternedStr: [4, "int32"] },
    { field: ["fieldStr", "fieldInternedStr"] },
  ),
  App: message({ fun: [1, "Expr"], args: [2, "Expr", "repeated"] }),
  TyApp: message({ expr: [1, "Expr"], types: [2, "Type", "repeated"] }),
  Abs: message({ param: [1, "VarWithType", "repeated"], body: [2, "Expr"] }),
  TyAbs: message({ param: [1, "TypeVarWithKind", "repeated"], body: [2, "Expr"] }),
  Nil: message({ type: [1, "Type"] }),
  Cons: message({ type: [1, "Type"], front: [2, "Expr", "repeated"], tail: [3, "Expr"] }),
  OptionalNone: message({ type: [1, "Type"] }),
  OptionalSome: message({ type: [1, "Type"], body: [2, "Expr"] }),
  TypeAndExpr: message({ type: [1, "Type"], expr: [2, "Expr"] }),
  TypeAndBody: message({ type: [1, "Type"], body: [2, "Expr"] }),
  Throw: message({ returnType: [1, "Type"], exceptionType: [2, "Type"], exceptionExpr: [3, "Expr"] }),
  InterfaceConversion: message({ interfaceType: [1, "TypeConName"], templateType: [2, "TypeConName"], expr: [3, "Expr"] }),
  UnsafeFromInterface: message({
    interfaceType: [1, "TypeConName"], templateType: [2, "TypeConName"], contractIdExpr: [3, "Expr"],
    interfaceExpr: [4, "Expr"],
  }),
  CallInterface: message({ interfaceType: [1, "TypeConName"], methodInternedName: [2, "int32"], interfaceExpr: [3, "Expr"] }),
  InterfaceAndExpr: message({ interface: [1, "TypeConName"], expr: [2, "Expr"] }),

  Binding: message({ binder: [1, "VarWithType"], bound: [2, "Expr"] }),
  Block: message({ bindings: [1, "Binding", "repeated"], body: [2, "Expr"] }),
  Case: message({ scrut: [1, "Expr"], alts: [2, "CaseAlt", "repeated"] }),
  CaseAlt: message({ ...caseAltSum, body: [6, "Expr"] }, { Sum: Object.keys(caseAltSum) }),
  CaseAltVariant: message(
    {
      con: [1, "TypeConName"], variantStr: [2, "string"], binderStr: [3, "string"], variantInternedStr: [4, "int32"],
      binderInternedStr: [5, "int32"],
    },
    { variant: ["variantStr", "variantInternedStr"], binder: ["binderStr", "binderInternedStr"] },
  ),
  CaseAltEnum: message(
    { con: [1, "TypeConName"], constructorStr: [2, "string"], constructorInternedStr: [3, "int32"] },
    { constructor: ["constructorStr", "constructorInternedStr"] },
  ),
  CaseAltCons: message(
    { varHeadStr: [1, "string"], varTailStr: [2, "string"], varHeadInternedStr: [3, "int32"], varTailInternedStr: [4, "int32"] },
    { varHead: ["varHeadStr", "varHeadInternedStr"], varTail: ["varTailStr", "varTailInternedStr"] },
  ),
  CaseAltOptionalSome: message(
    { varBodyStr: [1, "string"], varBodyInternedStr: [2, "int32"] },
    { varBody: ["varBodyStr", "varBodyInternedStr"] },
  ),

  Pure: message({ type: [1, "Type"], expr: [2, "Expr"] }),
  Update: message(updateSum, { Sum: Object.keys(updateSum) }),
  UpdateCreate: message({ template: [1, "TypeConName"], expr: [2, "Expr"] }),
  UpdateExercise: message(
    {
      // Field 4 (the explicit actor of LF < 1.5) is reserved.
      template: [1, "TypeConName"], choiceStr: [2, "string"], cid: [3, "Expr"], arg: [5, "Expr"], choiceInternedStr: [6, "int32"],
    },
    { choice: ["choiceStr", "choiceInternedStr"] },
  ),
  ExerciseInterface: message({
    interface: [1, "TypeConName"], choiceInternedStr: [2, "int32"], cid: [3, "Expr"], arg: [4, "Expr"], guard: [5, "Expr"],
  }),
  ExerciseByKey: message({ template: [1, "TypeConName"], choiceInternedStr: [2, "int32"], key: [3, "Expr"], arg: [4, "Expr"] }),
  UpdateFetch: message({ template: [1, "TypeConName"], cid: [2, "Expr"] }),
  RetrieveByKey: message({ template: [1, "TypeConName"], key: [2, "Expr"] }),
  TryCatch: message({ returnType: [1, "Type"], tryExpr: [2, "Expr"], varInternedStr: [3, "int32"], catchExpr: [4, "Expr"] }),

  Scenario: message(scenarioSum, { Sum: Object.keys(scenarioSum) }),
  ScenarioCommit: message({ party: [1, "Expr"], expr: [2, "Expr"], retType: [3, "Type"] }),

  // Pre-LF-1.4 template keys; kept only so such fields are decoded rather than dropped.
  KeyExpr: message({ projections: [1, "KeyProjections"], record: [2, "KeyRecord"] }, { Sum: ["projections", "record"] }),
  KeyProjections: message({ projections: [2, "KeyProjection", "repeated"] }),
  KeyProjection: message(
    { tycon: [1, "TypeCon"], fieldStr: [2, "string"], fieldInternedStr: [3, "int32"] },
    { field: ["fieldStr", "fieldInternedStr"] },
  ),
  KeyRecord: message({ tycon: [1, "TypeCon"], fields: [2, "KeyRecordField", "repeated"] }),
  KeyRecordField: message(
    { fieldStr: [1, "string"], expr: [2, "KeyExpr"], fieldInternedStr: [3, "int32"] },
    { field: ["fieldStr", "fieldInternedStr"] },
  ),
};
