/**
 * Build Daml-LF 1.x packages without the Daml SDK: records, variants, enums, templates with choices written as LF
 * expressions, and plain values; then encode them to a DALF or a DAR with a correct package id and manifest.
 */
import type { Expr } from "../ast/expr.js";
import type { DefDataType, DefTemplate, DefValue, LfModule, LfPackage, TemplateChoice } from "../ast/package.js";
import type { LfType, QualifiedName } from "../ast/types.js";
import { writeDar } from "../dar/write-dar.js";
import type { EncodedDalf } from "../encode/encode-module.js";
import { encodeDalf } from "../encode/encode-module.js";
import { lfAtLeast } from "../encode/versions.js";
import { DamlLfError } from "../errors.js";
import { E, T, selfRef } from "./lf.js";

/** The LF minor the builder writes unless told otherwise. */
export const DEFAULT_LF_MINOR = "14";

export interface PackageBuilderOptions {
  readonly name: string;
  readonly version: string;
  /**
   * LF 1.x minor version to write, `"7"` to `"17"` or `"dev"`. Default `"14"` (Daml 2.x ledgers). Daml Sandbox 1.13.1
   * accepts this builder's 1.7, 1.8, 1.11, 1.12 (and 1.13 with early access), not 1.14 or later.
   */
  readonly lfMinor?: string;
  readonly sdkVersion?: string;
}

/** The expressions of a template can refer to its payload through these helpers. */
export interface TemplateScope {
  /** The template's payload type. */
  readonly type: LfType;
  readonly ref: QualifiedName;
  /** The payload variable (`this`). */
  readonly self: Expr;
  /** `this.<field>`. */
  field(name: string): Expr;
}

export interface ChoiceScope extends TemplateScope {
  /** The choice argument variable. */
  readonly arg: Expr;
  /** `arg.<field>` (the argument is a record named after the choice). */
  argField(name: string): Expr;
  /** The contract id of the exercised contract. */
  readonly contractId: Expr;
}

export interface ChoiceSpec {
  readonly name: string;
  readonly consuming?: boolean;
  /** Argument record fields; the builder defines a record named after the choice. */
  readonly argument?: Record<string, LfType>;
  readonly returnType: LfType;
  readonly controllers: (scope: ChoiceScope) => Expr;
  readonly observers?: (scope: ChoiceScope) => Expr;
  /** An expression of type `Update returnType`. */
  readonly update: (scope: ChoiceScope) => Expr;
}

export interface TemplateSpec {
  readonly signatories: (scope: TemplateScope) => Expr;
  readonly observers?: (scope: TemplateScope) => Expr;
  readonly precondition?: (scope: TemplateScope) => Expr;
  readonly agreement?: (scope: TemplateScope) => Expr;
  readonly key?: { readonly type: LfType; readonly body: (scope: TemplateScope) => Expr; readonly maintainers: (key: Expr) => Expr };
  readonly choices?: readonly ChoiceSpec[];
  /** Add a consuming `Archive` choice controlled by the signatories, as damlc does. Default true. */
  readonly archive?: boolean;
}

export class ModuleBuilder {
  private readonly dataTypes: DefDataType[] = [];
  private readonly templates: DefTemplate[] = [];
  private readonly values: DefValue[] = [];

  /** `lfMinor` decides LF-version-dependent defaults (choice observers from LF 1.11 on). */
  constructor(
    readonly name: string,
    private readonly lfMinor: string = DEFAULT_LF_MINOR,
  ) {}

  ref(entity: string): QualifiedName {
    return selfRef(this.name, entity);
  }

  type(entity: string, ...args: LfType[]): LfType {
    return T.con(this.ref(entity), ...args);
  }

  private addDataType(def: DefDataType): LfType {
    if (this.dataTypes.some((d) => d.name === def.name)) {
      throw new DamlLfError("build/invalid", `module ${this.name} already defines a data type ${def.name}`);
    }
    this.dataTypes.push(def);
    return this.type(def.name);
  }

  record(name: string, fields: Record<string, LfType>, params: readonly string[] = []): LfType {
    return this.addDataType({
      name,
      params: params.map((p) => ({ name: p, kind: { kind: "star" } })),
      cons: { kind: "record", fields: Object.entries(fields).map(([n, type]) => ({ name: n, type })) },
      serializable: true,
    });
  }

  variant(name: string, constructors: Record<string, LfType>, params: readonly string[] = []): LfType {
    return this.addDataType({
      name,
      params: params.map((p) => ({ name: p, kind: { kind: "star" } })),
      cons: { kind: "variant", constructors: Object.entries(constructors).map(([n, type]) => ({ name: n, type })) },
      serializable: true,
    });
  }

  enum(name: string, constructors: readonly string[]): LfType {
    return this.addDataType({ name, params: [], cons: { kind: "enum", constructors }, serializable: true });
  }

  value(name: string, type: LfType, expr: Expr): QualifiedName {
    this.values.push({ name, type, expr, noPartyLiterals: true, isTest: false });
    return this.ref(name);
  }

  /** Defines the payload record `name` and a template over it. */
  template(name: string, fields: Record<string, LfType>, spec: TemplateSpec): QualifiedName {
    const type = this.record(name, fields);
    const ref = this.ref(name);
    const self = E.var("this");
    const scope: TemplateScope = { type, ref, self, field: (f) => E.field(type, self, f) };
    const signatories = spec.signatories(scope);
    const choices = (spec.choices ?? []).map((c) => this.choice(scope, c));
    if (spec.archive ?? true) {
      choices.push(this.choice(scope, { name: "Archive", argument: {}, returnType: T.unit, controllers: () => signatories, update: () => E.pure(T.unit, E.unit) }));
    }
    const key = spec.key;
    this.templates.push({
      tycon: name,
      param: "this",
      precondition: spec.precondition?.(scope) ?? E.true,
      signatories,
      observers: spec.observers?.(scope) ?? E.list(T.party, []),
      agreement: spec.agreement?.(scope) ?? E.text(""),
      choices,
      key: key === undefined
        ? undefined
        : { type: key.type, body: key.body(scope), maintainers: E.lam([{ name: "key", type: key.type }], key.maintainers(E.var("key"))) },
      implements: [],
    });
    return ref;
  }

  private choice(template: TemplateScope, spec: ChoiceSpec): TemplateChoice {
    // Choice arguments are records named after the choice; only the empty `Archive` record is shared.
    const exists = this.dataTypes.some((d) => d.name === spec.name);
    if (exists && spec.name !== "Archive") {
      throw new DamlLfError("build/invalid", `module ${this.name}: choice ${spec.name} needs an argument record ${spec.name}, but that name is taken`);
    }
    const argType = exists ? this.type(spec.name) : this.record(spec.name, spec.argument ?? {});
    const arg = E.var("arg");
    const scope: ChoiceScope = { ...template, arg, argField: (f) => E.field(argType, arg, f), contractId: E.var("self") };
    // From LF 1.11 on every choice has observers; damlc writes the empty list when there are none.
    const observers = spec.observers?.(scope) ?? (lfAtLeast(this.lfMinor, 11) ? E.list(T.party, []) : undefined);
    return {
      name: spec.name,
      consuming: spec.consuming ?? true,
      controllers: spec.controllers(scope),
      ...(observers === undefined ? {} : { observers }),
      argBinder: { name: "arg", type: argType },
      returnType: spec.returnType,
      update: spec.update(scope),
      selfBinder: "self",
    };
  }

  build(): LfModule {
    return {
      name: this.name,
      flags: { forbidPartyLiterals: true, dontDivulgeContractIdsInCreateArguments: true, dontDiscloseNonConsumingChoicesToObservers: true },
      synonyms: [],
      dataTypes: [...this.dataTypes],
      values: [...this.values],
      templates: [...this.templates],
      exceptions: [],
      interfaces: [],
    };
  }
}

export interface BuiltDar {
  readonly packageId: string;
  readonly dalf: EncodedDalf;
  readonly dar: Uint8Array;
  readonly package: LfPackage;
}

export class PackageBuilder {
  private readonly modules: ModuleBuilder[] = [];

  constructor(private readonly options: PackageBuilderOptions) {}

  module(name: string): ModuleBuilder {
    const existing = this.modules.find((m) => m.name === name);
    if (existing !== undefined) return existing;
    const module = new ModuleBuilder(name, this.lfMinor);
    this.modules.push(module);
    return module;
  }

  private get lfMinor(): string {
    return this.options.lfMinor ?? DEFAULT_LF_MINOR;
  }

  /** The package AST; its metadata (name, version) only from LF 1.8 on, which introduced it. */
  buildPackage(): LfPackage {
    const metadata = lfAtLeast(this.lfMinor, 8) ? { name: this.options.name, version: this.options.version } : undefined;
    return { modules: this.modules.map((m) => m.build()), metadata };
  }

  buildDalf(): EncodedDalf {
    return encodeDalf(this.buildPackage(), this.lfMinor);
  }

  buildDar(): BuiltDar {
    const pkg = this.buildPackage();
    const dalf = encodeDalf(pkg, this.lfMinor);
    const dar = writeDar({
      name: this.options.name,
      version: this.options.version,
      main: dalf,
      ...(this.options.sdkVersion === undefined ? {} : { sdkVersion: this.options.sdkVersion }),
    });
    return { packageId: dalf.packageId, dalf, dar, package: pkg };
  }
}
