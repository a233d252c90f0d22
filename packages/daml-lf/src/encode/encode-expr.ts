/** AST expressions, updates and scenarios → protobuf messages (interned names). */
import type { Binding, CaseAlt, Expr, FieldWithExpr, PrimLit, Scenario, Update, VarWithType } from "../ast/expr.js";
import type { TypeConApp } from "../ast/types.js";
import type { Interner, Pb } from "./interner.js";

const primConNumber = { Unit: 0, False: 1, True: 2 } as const;
const roundingModeNumber = { UP: 0, DOWN: 1, CEILING: 2, FLOOR: 3, HALF_UP: 4, HALF_DOWN: 5, HALF_EVEN: 6, UNNECESSARY: 7 } as const;

export class ExprEncoder {
  constructor(private readonly ix: Interner) {}

  varWithType(v: VarWithType): Pb {
    return { varInternedStr: this.ix.str(v.name), type: this.ix.type(v.type) };
  }

  private typeConApp(t: TypeConApp): Pb {
    return { tycon: this.ix.qualifiedName(t.tycon), args: t.args.map((a) => this.ix.type(a)) };
  }

  private fields(fs: readonly FieldWithExpr[]): Pb[] {
    return fs.map((f) => ({ fieldInternedStr: this.ix.str(f.name), expr: this.expr(f.expr) }));
  }

  private bindings(bs: readonly Binding[]): Pb[] {
    return bs.map((b) => ({ binder: this.varWithType(b.binder), bound: this.expr(b.bound) }));
  }

  expr(e: Expr): Pb {
    const ix = this.ix;
    switch (e.kind) {
      case "var":
        return { varInternedStr: ix.str(e.name) };
      case "val":
        return { val: { module: ix.moduleRef(e.ref), nameInternedDname: ix.dotted(e.ref.name) } };
      case "builtin":
        return { builtin: e.code };
      case "primCon":
        return { primCon: primConNumber[e.con] };
      case "primLit":
        return { primLit: this.primLit(e.lit) };
      case "recCon":
        return { recCon: { tycon: this.typeConApp(e.tycon), fields: this.fields(e.fields) } };
      case "recProj":
        return { recProj: { tycon: this.typeConApp(e.tycon), fieldInternedStr: ix.str(e.field), record: this.expr(e.record) } };
      case "recUpd":
        return {
          recUpd: { tycon: this.typeConApp(e.tycon), fieldInternedStr: ix.str(e.field), record: this.expr(e.record), update: this.expr(e.update) },
        };
      case "variantCon":
        return { variantCon: { tycon: this.typeConApp(e.tycon), variantConInternedStr: ix.str(e.variant), variantArg: this.expr(e.arg) } };
      case "enumCon":
        return { enumCon: { tycon: ix.qualifiedName(e.tycon), enumConInternedStr: ix.str(e.constructor) } };
      case "structCon":
        return { structCon: { fields: this.fields(e.fields) } };
      case "structProj":
        return { structProj: { fieldInternedStr: ix.str(e.field), struct: this.expr(e.struct) } };
      case "structUpd":
        return { structUpd: { fieldInternedStr: ix.str(e.field), struct: this.expr(e.struct), update: this.expr(e.update) } };
      case "app":
        return { app: { fun: this.expr(e.fun), args: e.args.map((a) => this.expr(a)) } };
      case "tyApp":
        return { tyApp: { expr: this.expr(e.expr), types: e.types.map((t) => ix.type(t)) } };
      case "abs":
        return { abs: { param: e.params.map((p) => this.varWithType(p)), body: this.expr(e.body) } };
      case "tyAbs":
        return { tyAbs: { param: e.params.map((p) => ix.typeVarWithKind(p)), body: this.expr(e.body) } };
      case "case":
        return { case: { scrut: this.expr(e.scrut), alts: e.alts.map((a) => this.caseAlt(a)) } };
      case "let":
        return { let: { bindings: this.bindings(e.bindings), body: this.expr(e.body) } };
      case "nil":
        return { nil: { type: ix.type(e.type) } };
      case "cons":
        return { cons: { type: ix.type(e.type), front: e.front.map((x) => this.expr(x)), tail: this.expr(e.tail) } };
      case "optionalNone":
        return { optionalNone: { type: ix.type(e.type) } };
      case "optionalSome":
        return { optionalSome: { type: ix.type(e.type), body: this.expr(e.body) } };
      case "toAny":
      case "fromAny":
      case "toAnyException":
      case "fromAnyException":
        return { [e.kind]: { type: ix.type(e.type), expr: this.expr(e.expr) } };
      case "typeRep":
        return { typeRep: ix.type(e.type) };
      case "throw":
        return { throw: { returnType: ix.type(e.returnType), exceptionType: ix.type(e.exceptionType), exceptionExpr: this.expr(e.exceptionExpr) } };
      case "toInterface":
      case "fromInterface":
      case "toRequiredInterface":
      case "fromRequiredInterface":
        return {
          [e.kind]: { interfaceType: ix.qualifiedName(e.interface), templateType: ix.qualifiedName(e.template), expr: this.expr(e.expr) },
        };
      case "unsafeFromInterface":
      case "unsafeFromRequiredInterface":
        return {
          [e.kind]: {
            interfaceType: ix.qualifiedName(e.interface),
            templateType: ix.qualifiedName(e.template),
            contractIdExpr: this.expr(e.contractId),
            interfaceExpr: this.expr(e.interfaceExpr),
          },
        };
      case "callInterface":
        return {
          callInterface: { interfaceType: ix.qualifiedName(e.interface), methodInternedName: ix.str(e.method), interfaceExpr: this.expr(e.expr) },
        };
      case "signatoryInterface":
      case "observerInterface":
      case "viewInterface":
      case "interfaceTemplateTypeRep":
        return { [e.kind]: { interface: ix.qualifiedName(e.interface), expr: this.expr(e.expr) } };
      case "update":
        return { update: this.update(e.update) };
      case "scenario":
        return { scenario: this.scenario(e.scenario) };
    }
  }

  private primLit(lit: PrimLit): Pb {
    const ix = this.ix;
    switch (lit.kind) {
      case "int64":
        return { int64: lit.value.toString() };
      case "numeric":
        return { numericInternedStr: ix.str(lit.value) };
      case "decimal":
        return { decimalStr: lit.value };
      case "text":
        return { textInternedStr: ix.str(lit.value) };
      case "timestamp":
        return { timestamp: lit.value.toString() };
      case "party":
        return { partyInternedStr: ix.str(lit.value) };
      case "date":
        return { date: lit.value };
      case "roundingMode":
        return { roundingMode: roundingModeNumber[lit.value] };
    }
  }

  private caseAlt(alt: CaseAlt): Pb {
    const ix = this.ix;
    const p = alt.pattern;
    const body = this.expr(alt.body);
    switch (p.kind) {
      case "default":
        return { default: {}, body };
      case "variant":
        return { variant: { con: ix.qualifiedName(p.tycon), variantInternedStr: ix.str(p.variant), binderInternedStr: ix.str(p.binder) }, body };
      case "enum":
        return { enum: { con: ix.qualifiedName(p.tycon), constructorInternedStr: ix.str(p.constructor) }, body };
      case "primCon":
        return { primCon: primConNumber[p.con], body };
      case "nil":
        return { nil: {}, body };
      case "cons":
        return { cons: { varHeadInternedStr: ix.str(p.head), varTailInternedStr: ix.str(p.tail) }, body };
      case "optionalNone":
        return { optionalNone: {}, body };
      case "optionalSome":
        return { optionalSome: { varBodyInternedStr: ix.str(p.body) }, body };
    }
  }

  update(u: Update): Pb {
    const ix = this.ix;
    switch (u.kind) {
      case "pure":
        return { pure: { type: ix.type(u.type), expr: this.expr(u.expr) } };
      case "block":
        return { block: { bindings: this.bindings(u.bindings), body: this.expr(u.body) } };
      case "create":
      case "createInterface":
        return { [u.kind]: { template: ix.qualifiedName(u.template), expr: this.expr(u.expr) } };
      case "exercise":
        return {
          exercise: {
            template: ix.qualifiedName(u.template),
            choiceInternedStr: ix.str(u.choice),
            cid: this.expr(u.cid),
            arg: this.expr(u.arg),
          },
        };
      case "exerciseInterface":
        return {
          exerciseInterface: {
            interface: ix.qualifiedName(u.interface),
            choiceInternedStr: ix.str(u.choice),
            cid: this.expr(u.cid),
            arg: this.expr(u.arg),
            ...(u.guard === undefined ? {} : { guard: this.expr(u.guard) }),
          },
        };
      case "exerciseByKey":
        return {
          exerciseByKey: { template: ix.qualifiedName(u.template), choiceInternedStr: ix.str(u.choice), key: this.expr(u.key), arg: this.expr(u.arg) },
        };
      case "fetch":
      case "fetchInterface":
        return { [u.kind]: { template: ix.qualifiedName(u.template), cid: this.expr(u.cid) } };
      case "getTime":
        return { getTime: {} };
      case "embedExpr":
        return { embedExpr: { type: ix.type(u.type), body: this.expr(u.body) } };
      case "lookupByKey":
      case "fetchByKey":
        return { [u.kind]: { template: ix.qualifiedName(u.template), key: this.expr(u.key) } };
      case "tryCatch":
        return {
          tryCatch: { returnType: ix.type(u.returnType), tryExpr: this.expr(u.tryExpr), varInternedStr: ix.str(u.var), catchExpr: this.expr(u.catchExpr) },
        };
    }
  }

  scenario(s: Scenario): Pb {
    const ix = this.ix;
    switch (s.kind) {
      case "pure":
        return { pure: { type: ix.type(s.type), expr: this.expr(s.expr) } };
      case "block":
        return { block: { bindings: this.bindings(s.bindings), body: this.expr(s.body) } };
      case "commit":
      case "mustFailAt":
        return { [s.kind]: { party: this.expr(s.party), expr: this.expr(s.expr), retType: ix.type(s.retType) } };
      case "pass":
        return { pass: this.expr(s.expr) };
      case "getTime":
        return { getTime: {} };
      case "getParty":
        return { getParty: this.expr(s.expr) };
      case "embedExpr":
        return { embedExpr: { type: ix.type(s.type), body: this.expr(s.body) } };
    }
  }
}
