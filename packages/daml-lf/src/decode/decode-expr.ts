/** Protobuf Expr / Update / Scenario messages → AST. */
import type { Binding, CaseAlt, CasePattern, Expr, FieldWithExpr, PrimConName, PrimLit, RoundingModeName, Scenario, Update, VarWithType } from "../ast/expr.js";
import type { TypeConApp } from "../ast/types.js";
import type { DecodeContext } from "./context.js";
import type { Raw } from "./raw.js";

const primCons: readonly PrimConName[] = ["Unit", "False", "True"];
const roundingModes: readonly RoundingModeName[] = ["UP", "DOWN", "CEILING", "FLOOR", "HALF_UP", "HALF_DOWN", "HALF_EVEN", "UNNECESSARY"];

export class ExprDecoder {
  constructor(private readonly cx: DecodeContext) {}

  varWithType(m: Raw): VarWithType {
    return { name: this.cx.name(m, "var", "VarWithType"), type: this.cx.type(this.cx.msg(m, "type", "VarWithType")) };
  }

  private sub(m: Raw, field: string, context: string): Expr {
    return this.expr(this.cx.msg(m, field, context));
  }

  private optSub(m: Raw, field: string): Expr | undefined {
    const raw = this.cx.optMsg(m, field);
    return raw === undefined ? undefined : this.expr(raw);
  }

  private typeConApp(m: Raw): TypeConApp {
    const cx = this.cx;
    return { tycon: cx.qualifiedName(cx.msg(m, "tycon", "Type.Con")), args: cx.list(m, "args").map((a) => cx.type(a)) };
  }

  private fieldsWithExpr(m: Raw, field: string): FieldWithExpr[] {
    return this.cx.list(m, field).map((f) => ({ name: this.cx.name(f, "field", "FieldWithExpr"), expr: this.sub(f, "expr", "FieldWithExpr") }));
  }

  private bindings(m: Raw): Binding[] {
    return this.cx.list(m, "bindings").map((b) => ({
      binder: this.varWithType(this.cx.msg(b, "binder", "Binding")),
      bound: this.sub(b, "bound", "Binding"),
    }));
  }

  expr(m: Raw): Expr {
    const cx = this.cx;
    const sum = cx.oneof(m, "Sum");
    switch (sum) {
      case "varStr":
      case "varInternedStr":
        return { kind: "var", name: cx.name(m, "var", "Expr") };
      case "val":
        return { kind: "val", ref: cx.valueName(cx.msg(m, "val", "Expr")) };
      case "builtin":
        return { kind: "builtin", code: cx.num(m, "builtin") };
      case "primCon":
        return { kind: "primCon", con: primCons[cx.num(m, "primCon")] ?? cx.malformed(`unknown PrimCon ${cx.num(m, "primCon")}`) };
      case "primLit":
        return { kind: "primLit", lit: this.primLit(cx.msg(m, "primLit", "Expr")) };
      case "recCon": {
        const r = cx.msg(m, sum, "Expr");
        return { kind: "recCon", tycon: this.typeConApp(cx.msg(r, "tycon", "RecCon")), fields: this.fieldsWithExpr(r, "fields") };
      }
      case "recProj": {
        const r = cx.msg(m, sum, "Expr");
        return {
          kind: "recProj",
          tycon: this.typeConApp(cx.msg(r, "tycon", "RecProj")),
          field: cx.name(r, "field", "RecProj"),
          record: this.sub(r, "record", "RecProj"),
        };
      }
      case "recUpd": {
        const r = cx.msg(m, sum, "Expr");
        return {
          kind: "recUpd",
          tycon: this.typeConApp(cx.msg(r, "tycon", "RecUpd")),
          field: cx.name(r, "field", "RecUpd"),
          record: this.sub(r, "record", "RecUpd"),
          update: this.sub(r, "update", "RecUpd"),
        };
      }
      case "variantCon": {
        const v = cx.msg(m, sum, "Expr");
        return {
          kind: "variantCon",
          tycon: this.typeConApp(cx.msg(v, "tycon", "VariantCon")),
          variant: cx.name(v, "variantCon", "VariantCon"),
          arg: this.sub(v, "variantArg", "VariantCon"),
        };
      }
      case "enumCon": {
        const e = cx.msg(m, sum, "Expr");
        return { kind: "enumCon", tycon: cx.qualifiedName(cx.msg(e, "tycon", "EnumCon")), constructor: cx.name(e, "enumCon", "EnumCon") };
      }
      case "structCon":
        return { kind: "structCon", fields: this.fieldsWithExpr(cx.msg(m, sum, "Expr"), "fields") };
      case "structProj": {
        const s = cx.msg(m, sum, "Expr");
        return { kind: "structProj", field: cx.name(s, "field", "StructProj"), struct: this.sub(s, "struct", "StructProj") };
      }
      case "structUpd": {
        const s = cx.msg(m, sum, "Expr");
        return {
          kind: "structUpd",
          field: cx.name(s, "field", "StructUpd"),
          struct: this.sub(s, "struct", "StructUpd"),
          update: this.sub(s, "update", "StructUpd"),
        };
      }
      case "app": {
        const a = cx.msg(m, sum, "Expr");
        return { kind: "app", fun: this.sub(a, "fun", "App"), args: cx.list(a, "args").map((x) => this.expr(x)) };
      }
      case "tyApp": {
        const a = cx.msg(m, sum, "Expr");
        return { kind: "tyApp", expr: this.sub(a, "expr", "TyApp"), types: cx.list(a, "types").map((t) => cx.type(t)) };
      }
      case "abs": {
        const a = cx.msg(m, sum, "Expr");
        return { kind: "abs", params: cx.list(a, "param").map((p) => this.varWithType(p)), body: this.sub(a, "body", "Abs") };
      }
      case "tyAbs": {
        const a = cx.msg(m, sum, "Expr");
        return { kind: "tyAbs", params: cx.list(a, "param").map((p) => cx.typeVarWithKind(p)), body: this.sub(a, "body", "TyAbs") };
      }
      case "case": {
        const c = cx.msg(m, sum, "Expr");
        return { kind: "case", scrut: this.sub(c, "scrut", "Case"), alts: cx.list(c, "alts").map((a) => this.caseAlt(a)) };
      }
      case "let": {
        const b = cx.msg(m, sum, "Expr");
        return { kind: "let", bindings: this.bindings(b), body: this.sub(b, "body", "Let") };
      }
      case "nil":
        return { kind: "nil", type: cx.type(cx.msg(cx.msg(m, sum, "Expr"), "type", "Nil")) };
      case "cons": {
        const c = cx.msg(m, sum, "Expr");
        return {
          kind: "cons",
          type: cx.type(cx.msg(c, "type", "Cons")),
          front: cx.list(c, "front").map((x) => this.expr(x)),
          tail: this.sub(c, "tail", "Cons"),
        };
      }
      case "optionalNone":
        return { kind: "optionalNone", type: cx.type(cx.msg(cx.msg(m, sum, "Expr"), "type", "OptionalNone")) };
      case "optionalSome": {
        const o = cx.msg(m, sum, "Expr");
        return { kind: "optionalSome", type: cx.type(cx.msg(o, "type", "OptionalSome")), body: this.sub(o, "body", "OptionalSome") };
      }
      case "toAny":
      case "fromAny":
      case "toAnyException":
      case "fromAnyException": {
        const t = cx.msg(m, sum, "Expr");
        return { kind: sum, type: cx.type(cx.msg(t, "type", sum)), expr: this.sub(t, "expr", sum) };
      }
      case "typeRep":
        return { kind: sum, type: cx.type(cx.msg(m, sum, "Expr")) };
      case "throw": {
        const t = cx.msg(m, sum, "Expr");
        return {
          kind: "throw",
          returnType: cx.type(cx.msg(t, "returnType", "Throw")),
          exceptionType: cx.type(cx.msg(t, "exceptionType", "Throw")),
          exceptionExpr: this.sub(t, "exceptionExpr", "Throw"),
        };
      }
      case "toInterface":
      case "fromInterface":
      case "toRequiredInterface":
      case "fromRequiredInterface": {
        const c = cx.msg(m, sum, "Expr");
        return {
          kind: sum,
          interface: cx.qualifiedName(cx.msg(c, "interfaceType", sum)),
          template: cx.qualifiedName(cx.msg(c, "templateType", sum)),
          expr: this.sub(c, "expr", sum),
        };
      }
      case "unsafeFromInterface":
      case "unsafeFromRequiredInterface": {
        const c = cx.msg(m, sum, "Expr");
        return {
          kind: sum,
          interface: cx.qualifiedName(cx.msg(c, "interfaceType", sum)),
          template: cx.qualifiedName(cx.msg(c, "templateType", sum)),
          contractId: this.sub(c, "contractIdExpr", sum),
          interfaceExpr: this.sub(c, "interfaceExpr", sum),
        };
      }
      case "callInterface": {
        const c = cx.msg(m, sum, "Expr");
        return {
          kind: "callInterface",
          interface: cx.qualifiedName(cx.msg(c, "interfaceType", sum)),
          method: cx.internedString(cx.num(c, "methodInternedName")),
          expr: this.sub(c, "interfaceExpr", sum),
        };
      }
      case "signatoryInterface":
      case "observerInterface":
      case "viewInterface":
      case "interfaceTemplateTypeRep": {
        const c = cx.msg(m, sum, "Expr");
        return { kind: sum, interface: cx.qualifiedName(cx.msg(c, "interface", sum)), expr: this.sub(c, "expr", sum) };
      }
      case "update":
        return { kind: "update", update: this.update(cx.msg(m, sum, "Expr")) };
      case "scenario":
        return { kind: "scenario", scenario: this.scenario(cx.msg(m, sum, "Expr")) };
      default:
        return cx.malformed(`Expr has no known case set${sum === undefined ? "" : ` (${sum})`}`);
    }
  }

  private primLit(m: Raw): PrimLit {
    const cx = this.cx;
    switch (cx.oneof(m, "Sum")) {
      case "int64":
        return { kind: "int64", value: cx.bigint(m, "int64") };
      case "decimalStr":
        return { kind: "decimal", value: cx.str(m, "decimalStr") };
      case "numericInternedStr":
        return { kind: "numeric", value: cx.internedString(cx.num(m, "numericInternedStr")) };
      case "textStr":
      case "textInternedStr":
        return { kind: "text", value: cx.name(m, "text", "PrimLit") };
      case "partyStr":
      case "partyInternedStr":
        return { kind: "party", value: cx.name(m, "party", "PrimLit") };
      case "timestamp":
        return { kind: "timestamp", value: cx.bigint(m, "timestamp") };
      case "date":
        return { kind: "date", value: cx.num(m, "date") };
      case "roundingMode":
        return { kind: "roundingMode", value: roundingModes[cx.num(m, "roundingMode")] ?? cx.malformed("unknown RoundingMode") };
      default:
        return cx.malformed("PrimLit has no case set");
    }
  }

  private caseAlt(m: Raw): CaseAlt {
    return { pattern: this.casePattern(m), body: this.sub(m, "body", "CaseAlt") };
  }

  private casePattern(m: Raw): CasePattern {
    const cx = this.cx;
    switch (cx.oneof(m, "Sum")) {
      case "default":
        return { kind: "default" };
      case "variant": {
        const v = cx.msg(m, "variant", "CaseAlt");
        return {
          kind: "variant",
          tycon: cx.qualifiedName(cx.msg(v, "con", "CaseAlt.Variant")),
          variant: cx.name(v, "variant", "CaseAlt.Variant"),
          binder: cx.name(v, "binder", "CaseAlt.Variant"),
        };
      }
      case "enum": {
        const e = cx.msg(m, "enum", "CaseAlt");
        return { kind: "enum", tycon: cx.qualifiedName(cx.msg(e, "con", "CaseAlt.Enum")), constructor: cx.name(e, "constructor", "CaseAlt.Enum") };
      }
      case "primCon":
        return { kind: "primCon", con: primCons[cx.num(m, "primCon")] ?? cx.malformed("unknown PrimCon") };
      case "nil":
        return { kind: "nil" };
      case "cons": {
        const c = cx.msg(m, "cons", "CaseAlt");
        return { kind: "cons", head: cx.name(c, "varHead", "CaseAlt.Cons"), tail: cx.name(c, "varTail", "CaseAlt.Cons") };
      }
      case "optionalNone":
        return { kind: "optionalNone" };
      case "optionalSome":
        return { kind: "optionalSome", body: cx.name(cx.msg(m, "optionalSome", "CaseAlt"), "varBody", "CaseAlt.OptionalSome") };
      default:
        return cx.malformed("CaseAlt has no pattern set");
    }
  }

  update(m: Raw): Update {
    const cx = this.cx;
    const sum = cx.oneof(m, "Sum");
    switch (sum) {
      case "pure": {
        const p = cx.msg(m, sum, "Update");
        return { kind: "pure", type: cx.type(cx.msg(p, "type", "Pure")), expr: this.sub(p, "expr", "Pure") };
      }
      case "block": {
        const b = cx.msg(m, sum, "Update");
        return { kind: "block", bindings: this.bindings(b), body: this.sub(b, "body", "Block") };
      }
      case "create": {
        const c = cx.msg(m, sum, "Update");
        return { kind: "create", template: cx.qualifiedName(cx.msg(c, "template", sum)), expr: this.sub(c, "expr", sum) };
      }
      case "createInterface": {
        const c = cx.msg(m, sum, "Update");
        return { kind: "createInterface", template: cx.qualifiedName(cx.msg(c, "template", sum)), expr: this.sub(c, "expr", sum) };
      }
      case "exercise": {
        const e = cx.msg(m, sum, "Update");
        return {
          kind: "exercise",
          template: cx.qualifiedName(cx.msg(e, "template", sum)),
          choice: cx.name(e, "choice", sum),
          cid: this.sub(e, "cid", sum),
          arg: this.sub(e, "arg", sum),
        };
      }
      case "exerciseInterface": {
        const e = cx.msg(m, sum, "Update");
        const guard = this.optSub(e, "guard");
        return {
          kind: "exerciseInterface",
          interface: cx.qualifiedName(cx.msg(e, "interface", sum)),
          choice: cx.internedString(cx.num(e, "choiceInternedStr")),
          cid: this.sub(e, "cid", sum),
          arg: this.sub(e, "arg", sum),
          ...(guard === undefined ? {} : { guard }),
        };
      }
      case "exerciseByKey": {
        const e = cx.msg(m, sum, "Update");
        return {
          kind: "exerciseByKey",
          template: cx.qualifiedName(cx.msg(e, "template", sum)),
          choice: cx.internedString(cx.num(e, "choiceInternedStr")),
          key: this.sub(e, "key", sum),
          arg: this.sub(e, "arg", sum),
        };
      }
      case "fetch":
      case "fetchInterface": {
        const f = cx.msg(m, sum, "Update");
        return { kind: sum, template: cx.qualifiedName(cx.msg(f, "template", sum)), cid: this.sub(f, "cid", sum) };
      }
      case "getTime":
        return { kind: "getTime" };
      case "embedExpr": {
        const e = cx.msg(m, sum, "Update");
        return { kind: "embedExpr", type: cx.type(cx.msg(e, "type", sum)), body: this.sub(e, "body", sum) };
      }
      case "lookupByKey":
      case "fetchByKey": {
        const r = cx.msg(m, sum, "Update");
        return { kind: sum, template: cx.qualifiedName(cx.msg(r, "template", sum)), key: this.sub(r, "key", sum) };
      }
      case "tryCatch": {
        const t = cx.msg(m, sum, "Update");
        return {
          kind: "tryCatch",
          returnType: cx.type(cx.msg(t, "returnType", sum)),
          tryExpr: this.sub(t, "tryExpr", sum),
          var: cx.internedString(cx.num(t, "varInternedStr")),
          catchExpr: this.sub(t, "catchExpr", sum),
        };
      }
      default:
        return cx.malformed(`Update has no known case set${sum === undefined ? "" : ` (${sum})`}`);
    }
  }

  scenario(m: Raw): Scenario {
    const cx = this.cx;
    const sum = cx.oneof(m, "Sum");
    switch (sum) {
      case "pure": {
        const p = cx.msg(m, sum, "Scenario");
        return { kind: "pure", type: cx.type(cx.msg(p, "type", "Pure")), expr: this.sub(p, "expr", "Pure") };
      }
      case "block": {
        const b = cx.msg(m, sum, "Scenario");
        return { kind: "block", bindings: this.bindings(b), body: this.sub(b, "body", "Block") };
      }
      case "commit":
      case "mustFailAt": {
        const c = cx.msg(m, sum, "Scenario");
        return {
          kind: sum,
          party: this.sub(c, "party", sum),
          expr: this.sub(c, "expr", sum),
          retType: cx.type(cx.msg(c, "retType", sum)),
        };
      }
      case "pass":
        return { kind: "pass", expr: this.sub(m, sum, "Scenario") };
      case "getTime":
        return { kind: "getTime" };
      case "getParty":
        return { kind: "getParty", expr: this.sub(m, sum, "Scenario") };
      case "embedExpr": {
        const e = cx.msg(m, sum, "Scenario");
        return { kind: "embedExpr", type: cx.type(cx.msg(e, "type", sum)), body: this.sub(e, "body", sum) };
      }
      default:
        return cx.malformed(`Scenario has no known case set${sum === undefined ? "" : ` (${sum})`}`);
    }
  }
}
