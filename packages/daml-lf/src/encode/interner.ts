/** Builds the interning tables (strings, dotted names) while encoding a package, LF ≥ 1.7 style. */
import type { FieldWithType, Kind, LfType, PackageRef, QualifiedName, TypeVarWithKind } from "../ast/types.js";
import { primTypeNumber } from "../ast/types.js";

/** A protobuf message as a plain object, ready for protobufjs `encode`. */
export type Pb = { [field: string]: unknown };

export class Interner {
  readonly strings: string[] = [];
  readonly dottedNames: { segmentsInternedStr: number[] }[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly dottedIndex = new Map<string, number>();

  str(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  dotted(name: string): number {
    let i = this.dottedIndex.get(name);
    if (i === undefined) {
      const segments = name.split(".").map((s) => this.str(s));
      i = this.dottedNames.length;
      this.dottedNames.push({ segmentsInternedStr: segments });
      this.dottedIndex.set(name, i);
    }
    return i;
  }

  packageRef(ref: PackageRef): Pb {
    return ref.kind === "self" ? { self: {} } : { packageIdInternedStr: this.str(ref.packageId) };
  }

  moduleRef(ref: { package: PackageRef; module: string }): Pb {
    return { packageRef: this.packageRef(ref.package), moduleNameInternedDname: this.dotted(ref.module) };
  }

  qualifiedName(name: QualifiedName): Pb {
    return { module: this.moduleRef(name), nameInternedDname: this.dotted(name.name) };
  }

  kind(kind: Kind): Pb {
    switch (kind.kind) {
      case "star":
        return { star: {} };
      case "nat":
        return { nat: {} };
      case "arrow":
        return { arrow: { params: kind.params.map((k) => this.kind(k)), result: this.kind(kind.result) } };
    }
  }

  typeVarWithKind(v: TypeVarWithKind): Pb {
    return { varInternedStr: this.str(v.name), kind: this.kind(v.kind) };
  }

  fieldWithType(f: FieldWithType): Pb {
    return { fieldInternedStr: this.str(f.name), type: this.type(f.type) };
  }

  /** Types are written inline: interned types (LF ≥ 1.11) are an optional size optimisation. */
  type(t: LfType): Pb {
    const args = (xs: readonly LfType[]) => xs.map((x) => this.type(x));
    switch (t.kind) {
      case "var":
        return { var: { varInternedStr: this.str(t.name), args: args(t.args) } };
      case "con":
        return { con: { tycon: this.qualifiedName(t.tycon), args: args(t.args) } };
      case "prim":
        return { prim: { prim: primTypeNumber(t.prim), args: args(t.args) } };
      case "forall":
        return { forall: { vars: t.vars.map((v) => this.typeVarWithKind(v)), body: this.type(t.body) } };
      case "struct":
        return { struct: { fields: t.fields.map((f) => this.fieldWithType(f)) } };
      case "nat":
        return { nat: t.value };
      case "syn":
        return { syn: { tysyn: this.qualifiedName(t.tysyn), args: args(t.args) } };
    }
  }
}
