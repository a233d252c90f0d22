/** Looks up data types and synonyms across packages, with `self` references made absolute. */
import { absoluteField, absoluteType, formatQualifiedName } from "../ast/type-utils.js";
import type { DataCons, DefDataType, LfPackage } from "../ast/package.js";
import type { LfType, QualifiedName, TypeVarWithKind } from "../ast/types.js";
import { DamlLfError } from "../errors.js";

/** Data constructors whose field types have absolute package references. */
export type ResolvedDataCons = DataCons;

export interface ResolvedDataType {
  readonly id: QualifiedName;
  readonly params: readonly TypeVarWithKind[];
  readonly cons: ResolvedDataCons;
}

export interface ResolvedSynonym {
  readonly params: readonly TypeVarWithKind[];
  readonly type: LfType;
}

export class LfTypeIndex {
  private readonly packages = new Map<string, LfPackage>();
  private readonly dataTypes = new Map<string, ResolvedDataType | null>();
  private readonly synonyms = new Map<string, ResolvedSynonym | null>();

  /** Accepts anything with packages by id: a `Dar`, decoded DALFs, or `[packageId, package]` pairs. */
  constructor(packages: Iterable<{ readonly packageId: string; readonly package: LfPackage }> = []) {
    for (const p of packages) this.add(p.packageId, p.package);
  }

  add(packageId: string, pkg: LfPackage): this {
    this.packages.set(packageId, pkg);
    return this;
  }

  private key(name: QualifiedName): string {
    if (name.package.kind === "self") {
      throw new DamlLfError("lf/unknown-reference", `type ${name.module}:${name.name} has a package-relative reference; make it absolute first`);
    }
    return `${name.package.packageId}:${name.module}:${name.name}`;
  }

  dataType(name: QualifiedName): ResolvedDataType {
    const key = this.key(name);
    let cached = this.dataTypes.get(key);
    if (cached === undefined) {
      cached = this.findDataType(name);
      this.dataTypes.set(key, cached);
    }
    if (cached === null) {
      throw new DamlLfError("lf/unknown-reference", `unknown data type ${formatQualifiedName(name)}: is its package loaded?`);
    }
    return cached;
  }

  synonym(name: QualifiedName): ResolvedSynonym {
    const key = this.key(name);
    let cached = this.synonyms.get(key);
    if (cached === undefined) {
      cached = null;
      const packageId = name.package.kind === "imported" ? name.package.packageId : "";
      const def = this.module(name)?.synonyms.find((s) => s.name === name.name);
      if (def !== undefined) cached = { params: def.params, type: absoluteType(def.type, packageId) };
      this.synonyms.set(key, cached);
    }
    if (cached === null) throw new DamlLfError("lf/unknown-reference", `unknown type synonym ${formatQualifiedName(name)}`);
    return cached;
  }

  private module(name: QualifiedName) {
    const packageId = name.package.kind === "imported" ? name.package.packageId : "";
    return this.packages.get(packageId)?.modules.find((m) => m.name === name.module);
  }

  private findDataType(name: QualifiedName): ResolvedDataType | null {
    const def: DefDataType | undefined = this.module(name)?.dataTypes.find((d) => d.name === name.name);
    if (def === undefined) return null;
    const packageId = name.package.kind === "imported" ? name.package.packageId : "";
    const cons: ResolvedDataCons =
      def.cons.kind === "record"
        ? { kind: "record", fields: def.cons.fields.map((f) => absoluteField(f, packageId)) }
        : def.cons.kind === "variant"
          ? { kind: "variant", constructors: def.cons.constructors.map((f) => absoluteField(f, packageId)) }
          : def.cons;
    return { id: name, params: def.params, cons };
  }
}
