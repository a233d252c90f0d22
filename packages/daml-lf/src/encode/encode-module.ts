/** AST packages and definitions → protobuf messages, then DALF bytes with a correct package id. */
import { createHash } from "node:crypto";
import type { DataCons, DefDataType, DefInterface, DefTemplate, DefValue, InterfaceInstanceBody, LfModule, LfPackage, SourceLocation, TemplateChoice } from "../ast/package.js";
import { DamlLfError } from "../errors.js";
import { ArchivePayloadType, ArchiveType, withDeepRecursion } from "../proto/root.js";
import { ExprEncoder } from "./encode-expr.js";
import type { Pb } from "./interner.js";
import { Interner } from "./interner.js";
import { checkFeatures, lfAtLeast } from "./versions.js";

export interface EncodedDalf {
  readonly packageId: string;
  /** The serialised Archive message: the `.dalf` file contents. */
  readonly bytes: Uint8Array;
}

/**
 * Encodes a package as LF 1.`minor`: strings and dotted names interned (so minor must be ≥ 7), and types too from
 * LF 1.11 on. Features the minor does not have are refused with `build/invalid` (see `checkFeatures`).
 */
export function encodeDalf(pkg: LfPackage, minor: string): EncodedDalf {
  if (minor !== "dev" && !(/^\d+$/.test(minor) && Number(minor) >= 7 && Number(minor) <= 17)) {
    throw new DamlLfError("build/invalid", `cannot encode LF 1.${minor}: the encoder writes interned names (LF 1.7 to 1.17)`);
  }
  checkFeatures(pkg, minor);
  const ix = new Interner(lfAtLeast(minor, 11));
  const encoder = new ModuleEncoder(ix, new ExprEncoder(ix));
  const modules = pkg.modules.map((m) => encoder.module(m));
  const metadata = pkg.metadata === undefined
    ? undefined
    : {
        nameInternedStr: ix.str(pkg.metadata.name),
        versionInternedStr: ix.str(pkg.metadata.version),
        ...(pkg.metadata.upgradedPackageId === undefined
          ? {}
          : { upgradedPackageId: { upgradedPackageIdInternedStr: ix.str(pkg.metadata.upgradedPackageId) } }),
      };
  const lfPackage: Pb = {
    modules,
    internedStrings: ix.strings,
    internedDottedNames: ix.dottedNames,
    ...(metadata === undefined ? {} : { metadata }),
    internedTypes: ix.types,
  };
  const payload = withDeepRecursion(() => ArchivePayloadType.encode({ minor, damlLf1: lfPackage }).finish());
  const packageId = createHash("sha256").update(payload).digest("hex");
  const bytes = ArchiveType.encode({ hashFunction: 0, payload, hash: packageId }).finish();
  return { packageId, bytes };
}

class ModuleEncoder {
  constructor(
    private readonly ix: Interner,
    private readonly exprs: ExprEncoder,
  ) {}

  module(m: LfModule): Pb {
    return {
      nameInternedDname: this.ix.dotted(m.name),
      flags: { ...m.flags },
      synonyms: m.synonyms.map((s) => ({
        nameInternedDname: this.ix.dotted(s.name),
        params: s.params.map((p) => this.ix.typeVarWithKind(p)),
        type: this.ix.type(s.type),
        ...this.location(s.location),
      })),
      dataTypes: m.dataTypes.map((d) => this.dataType(d)),
      values: m.values.map((v) => this.value(v)),
      templates: m.templates.map((t) => this.template(t)),
      exceptions: m.exceptions.map((e) => ({
        nameInternedDname: this.ix.dotted(e.name),
        message: this.exprs.expr(e.message),
        ...this.location(e.location),
      })),
      interfaces: m.interfaces.map((i) => this.interface(i)),
    };
  }

  private location(loc: SourceLocation | undefined): Pb {
    if (loc === undefined) return {};
    const range = { startLine: loc.startLine, startCol: loc.startCol, endLine: loc.endLine, endCol: loc.endCol };
    return {
      location: {
        ...(loc.module === undefined ? {} : { module: this.ix.moduleRef({ package: { kind: "self" }, module: loc.module }) }),
        range,
      },
    };
  }

  private dataCons(cons: DataCons): Pb {
    switch (cons.kind) {
      case "record":
        return { record: { fields: cons.fields.map((f) => this.ix.fieldWithType(f)) } };
      case "variant":
        return { variant: { fields: cons.constructors.map((f) => this.ix.fieldWithType(f)) } };
      case "enum":
        return { enum: { constructorsInternedStr: cons.constructors.map((c) => this.ix.str(c)) } };
      case "interface":
        return { interface: {} };
    }
  }

  private dataType(d: DefDataType): Pb {
    return {
      nameInternedDname: this.ix.dotted(d.name),
      params: d.params.map((p) => this.ix.typeVarWithKind(p)),
      ...this.dataCons(d.cons),
      serializable: d.serializable,
      ...this.location(d.location),
    };
  }

  private value(v: DefValue): Pb {
    return {
      nameWithType: { nameInternedDname: this.ix.dotted(v.name), type: this.ix.type(v.type) },
      expr: this.exprs.expr(v.expr),
      noPartyLiterals: v.noPartyLiterals,
      isTest: v.isTest,
      ...this.location(v.location),
    };
  }

  private choice(c: TemplateChoice): Pb {
    return {
      nameInternedStr: this.ix.str(c.name),
      consuming: c.consuming,
      controllers: this.exprs.expr(c.controllers),
      ...(c.observers === undefined ? {} : { observers: this.exprs.expr(c.observers) }),
      ...(c.authorizers === undefined ? {} : { authorizers: this.exprs.expr(c.authorizers) }),
      argBinder: this.exprs.varWithType(c.argBinder),
      retType: this.ix.type(c.returnType),
      update: this.exprs.expr(c.update),
      selfBinderInternedStr: this.ix.str(c.selfBinder),
      ...this.location(c.location),
    };
  }

  private instanceBody(body: InterfaceInstanceBody | undefined): Pb {
    if (body === undefined) return {};
    return {
      body: {
        methods: body.methods.map((m) => ({ methodInternedName: this.ix.str(m.name), value: this.exprs.expr(m.value) })),
        ...(body.view === undefined ? {} : { view: this.exprs.expr(body.view) }),
      },
    };
  }

  private template(t: DefTemplate): Pb {
    return {
      tyconInternedDname: this.ix.dotted(t.tycon),
      paramInternedStr: this.ix.str(t.param),
      precond: this.exprs.expr(t.precondition),
      signatories: this.exprs.expr(t.signatories),
      agreement: this.exprs.expr(t.agreement),
      choices: t.choices.map((c) => this.choice(c)),
      observers: this.exprs.expr(t.observers),
      ...(t.key === undefined
        ? {}
        : { key: { type: this.ix.type(t.key.type), complexKey: this.exprs.expr(t.key.body), maintainers: this.exprs.expr(t.key.maintainers) } }),
      implements: t.implements.map((i) => ({
        interface: this.ix.qualifiedName(i.interface),
        ...this.instanceBody(i.body),
        ...this.location(i.location),
      })),
      ...this.location(t.location),
    };
  }

  private interface(i: DefInterface): Pb {
    return {
      tyconInternedDname: this.ix.dotted(i.tycon),
      paramInternedStr: this.ix.str(i.param),
      methods: i.methods.map((m) => ({ methodInternedName: this.ix.str(m.name), type: this.ix.type(m.type) })),
      choices: i.choices.map((c) => this.choice(c)),
      ...(i.view === undefined ? {} : { view: this.ix.type(i.view) }),
      requires: i.requires.map((r) => this.ix.qualifiedName(r)),
      coImplements: i.coImplements.map((c) => ({ template: this.ix.qualifiedName(c.template), ...this.instanceBody(c.body) })),
      ...this.location(i.location),
    };
  }
}
