/** Protobuf Package / Module / definition messages → AST. */
import type { DataCons, DefDataType, DefException, DefInterface, DefKey, DefTemplate, DefTypeSyn, DefValue, InterfaceInstanceBody, LfModule, LfPackage, PackageMetadata, SourceLocation, TemplateChoice, TemplateImplements } from "../ast/package.js";
import { DecodeContext } from "./context.js";
import { ExprDecoder } from "./decode-expr.js";
import type { Raw } from "./raw.js";

export function decodePackage(file: string, pkg: Raw): LfPackage {
  const cx = new DecodeContext(file, pkg);
  const exprs = new ExprDecoder(cx);
  const decoder = new ModuleDecoder(cx, exprs);
  const rawMetadata = cx.optMsg(pkg, "metadata");
  return {
    modules: cx.list(pkg, "modules").map((m) => decoder.module(m)),
    metadata: rawMetadata === undefined ? undefined : decoder.metadata(rawMetadata),
  };
}

class ModuleDecoder {
  constructor(
    private readonly cx: DecodeContext,
    private readonly exprs: ExprDecoder,
  ) {}

  metadata(m: Raw): PackageMetadata {
    const cx = this.cx;
    const upgraded = cx.optMsg(m, "upgradedPackageId");
    return {
      name: cx.internedString(cx.num(m, "nameInternedStr")),
      version: cx.internedString(cx.num(m, "versionInternedStr")),
      ...(upgraded === undefined ? {} : { upgradedPackageId: cx.internedString(cx.num(upgraded, "upgradedPackageIdInternedStr")) }),
    };
  }

  module(m: Raw): LfModule {
    const cx = this.cx;
    const flags = cx.optMsg(m, "flags") ?? {};
    return {
      name: cx.dottedName(m, "name", "Module"),
      flags: {
        forbidPartyLiterals: cx.bool(flags, "forbidPartyLiterals"),
        dontDivulgeContractIdsInCreateArguments: cx.bool(flags, "dontDivulgeContractIdsInCreateArguments"),
        dontDiscloseNonConsumingChoicesToObservers: cx.bool(flags, "dontDiscloseNonConsumingChoicesToObservers"),
      },
      synonyms: cx.list(m, "synonyms").map((s) => this.synonym(s)),
      dataTypes: cx.list(m, "dataTypes").map((d) => this.dataType(d)),
      values: cx.list(m, "values").map((v) => this.value(v)),
      templates: cx.list(m, "templates").map((t) => this.template(t)),
      exceptions: cx.list(m, "exceptions").map((e) => this.exception(e)),
      interfaces: cx.list(m, "interfaces").map((i) => this.interface(i)),
    };
  }

  private location(m: Raw): { location?: SourceLocation } {
    const cx = this.cx;
    const loc = cx.optMsg(m, "location");
    if (loc === undefined) return {};
    const range = cx.optMsg(loc, "range") ?? {};
    const moduleRef = cx.optMsg(loc, "module");
    return {
      location: {
        module: moduleRef === undefined ? undefined : cx.moduleRef(moduleRef).module,
        startLine: cx.num(range, "startLine"),
        startCol: cx.num(range, "startCol"),
        endLine: cx.num(range, "endLine"),
        endCol: cx.num(range, "endCol"),
      },
    };
  }

  private synonym(m: Raw): DefTypeSyn {
    const cx = this.cx;
    return {
      name: cx.dottedName(m, "name", "DefTypeSyn"),
      params: cx.list(m, "params").map((p) => cx.typeVarWithKind(p)),
      type: cx.type(cx.msg(m, "type", "DefTypeSyn")),
      ...this.location(m),
    };
  }

  private dataType(m: Raw): DefDataType {
    const cx = this.cx;
    const name = cx.dottedName(m, "name", "DefDataType");
    return {
      name,
      params: cx.list(m, "params").map((p) => cx.typeVarWithKind(p)),
      cons: this.dataCons(m, name),
      serializable: cx.bool(m, "serializable"),
      ...this.location(m),
    };
  }

  private dataCons(m: Raw, name: string): DataCons {
    const cx = this.cx;
    switch (cx.oneof(m, "DataCons")) {
      case "record":
        return { kind: "record", fields: cx.list(cx.msg(m, "record", name), "fields").map((f) => cx.fieldWithType(f)) };
      case "variant":
        return { kind: "variant", constructors: cx.list(cx.msg(m, "variant", name), "fields").map((f) => cx.fieldWithType(f)) };
      case "enum": {
        const e = cx.msg(m, "enum", name);
        const interned = cx.numbers(e, "constructorsInternedStr");
        const constructors = interned.length > 0 ? interned.map((i) => cx.internedString(i)) : cx.strings(e, "constructorsStr");
        return { kind: "enum", constructors };
      }
      case "interface":
        return { kind: "interface" };
      default:
        return cx.malformed(`data type ${name} has no constructors`);
    }
  }

  private value(m: Raw): DefValue {
    const cx = this.cx;
    const nameWithType = cx.msg(m, "nameWithType", "DefValue");
    const name = cx.has(nameWithType, "nameInternedDname")
      ? cx.internedDottedName(cx.num(nameWithType, "nameInternedDname"))
      : cx.strings(nameWithType, "nameDname").join(".");
    return {
      name,
      type: cx.type(cx.msg(nameWithType, "type", `value ${name}`)),
      expr: this.exprs.expr(cx.msg(m, "expr", `value ${name}`)),
      noPartyLiterals: cx.bool(m, "noPartyLiterals"),
      isTest: cx.bool(m, "isTest"),
      ...this.location(m),
    };
  }

  private exception(m: Raw): DefException {
    const cx = this.cx;
    const name = cx.internedDottedName(cx.num(m, "nameInternedDname"));
    return { name, message: this.exprs.expr(cx.msg(m, "message", `exception ${name}`)), ...this.location(m) };
  }

  private template(m: Raw): DefTemplate {
    const cx = this.cx;
    const tycon = cx.dottedName(m, "tycon", "DefTemplate");
    const context = `template ${tycon}`;
    const expr = (field: string) => this.exprs.expr(cx.msg(m, field, context));
    const key = cx.optMsg(m, "key");
    return {
      tycon,
      param: cx.name(m, "param", context),
      precondition: expr("precond"),
      signatories: expr("signatories"),
      observers: expr("observers"),
      agreement: expr("agreement"),
      choices: cx.list(m, "choices").map((c) => this.choice(c, context)),
      key: key === undefined ? undefined : this.templateKey(key, context),
      implements: cx.list(m, "implements").map((i) => this.implementsOf(i)),
      ...this.location(m),
    };
  }

  private templateKey(m: Raw, context: string): DefKey {
    const cx = this.cx;
    if (cx.oneof(m, "keyExpr") !== "complexKey") {
      cx.malformed(`${context} uses a pre-LF-1.4 key projection, which is not supported`);
    }
    return {
      type: cx.type(cx.msg(m, "type", `${context} key`)),
      body: this.exprs.expr(cx.msg(m, "complexKey", `${context} key`)),
      maintainers: this.exprs.expr(cx.msg(m, "maintainers", `${context} key`)),
    };
  }

  private choice(m: Raw, owner: string): TemplateChoice {
    const cx = this.cx;
    const name = cx.name(m, "name", `${owner} choice`);
    const context = `${owner} choice ${name}`;
    const observers = cx.optMsg(m, "observers");
    const authorizers = cx.optMsg(m, "authorizers");
    return {
      name,
      consuming: cx.bool(m, "consuming"),
      controllers: this.exprs.expr(cx.msg(m, "controllers", context)),
      ...(observers === undefined ? {} : { observers: this.exprs.expr(observers) }),
      ...(authorizers === undefined ? {} : { authorizers: this.exprs.expr(authorizers) }),
      argBinder: this.exprs.varWithType(cx.msg(m, "argBinder", context)),
      returnType: cx.type(cx.msg(m, "retType", context)),
      update: this.exprs.expr(cx.msg(m, "update", context)),
      selfBinder: cx.name(m, "selfBinder", context),
      ...this.location(m),
    };
  }

  private instanceBody(m: Raw | undefined): InterfaceInstanceBody | undefined {
    if (m === undefined) return undefined;
    const cx = this.cx;
    const view = cx.optMsg(m, "view");
    return {
      methods: cx.list(m, "methods").map((x) => ({
        name: cx.internedString(cx.num(x, "methodInternedName")),
        value: this.exprs.expr(cx.msg(x, "value", "interface method")),
      })),
      view: view === undefined ? undefined : this.exprs.expr(view),
    };
  }

  private implementsOf(m: Raw): TemplateImplements {
    const cx = this.cx;
    return {
      interface: cx.qualifiedName(cx.msg(m, "interface", "Implements")),
      body: this.instanceBody(cx.optMsg(m, "body")),
      ...this.location(m),
    };
  }

  private interface(m: Raw): DefInterface {
    const cx = this.cx;
    const tycon = cx.internedDottedName(cx.num(m, "tyconInternedDname"));
    const context = `interface ${tycon}`;
    const view = cx.optMsg(m, "view");
    return {
      tycon,
      param: cx.internedString(cx.num(m, "paramInternedStr")),
      methods: cx.list(m, "methods").map((x) => ({
        name: cx.internedString(cx.num(x, "methodInternedName")),
        type: cx.type(cx.msg(x, "type", `${context} method`)),
      })),
      choices: cx.list(m, "choices").map((c) => this.choice(c, context)),
      view: view === undefined ? undefined : cx.type(view),
      requires: cx.list(m, "requires").map((r) => cx.qualifiedName(r)),
      coImplements: cx.list(m, "coImplements").map((c) => ({
        template: cx.qualifiedName(cx.msg(c, "template", `${context} co-implements`)),
        body: this.instanceBody(cx.optMsg(c, "body")),
      })),
      ...this.location(m),
    };
  }
}
