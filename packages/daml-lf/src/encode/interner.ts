/**
 * Builds the interning tables while encoding a package: strings and dotted names (LF ≥ 1.7), and types (LF ≥ 1.11,
 * where the real decoder accepts a Type anywhere outside the table only as an index into it).
 */
import type { FieldWithType, Kind, LfType, PackageRef, QualifiedName, TypeVarWithKind } from "../ast/types.js";
import { primTypeNumber } from "../ast/types.js";

/** A protobuf message as a plain object, ready for protobufjs `encode`. */
export type Pb = { [field: string]: unknown };

export class Interner {
  readonly strings: string[] = [];
  readonly dottedNames: { segmentsInternedStr: number[] }[] = [];
  /** The `interned_types` table; each entry refers only to entries before it. Empty unless types are interned. */
  readonly types: Pb[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly dottedIndex = new Map<string, number>();
  private readonly typeIndex = new Map<string, number>();

  /** `internTypes`: write every Type as `{ interned: index }` (required from LF 1.11 on). */
  constructor(private readonly internTypes = false) {}

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

  /** A Type message: inline before LF 1.11, else a reference into the interned-types table (children first). */
  type(t: LfType): Pb {
    if (!this.internTypes) return this.typeNode(t);
    const node = this.typeNode(t);
    const key = JSON.stringify(node);
    let i = this.typeIndex.get(key);
    if (i === undefined) {
      i = this.types.length;
      this.types.push(node);
      this.typeIndex.set(key, i);
    }
    return { interned: i };
  }

  /** One level of a type; its sub-types go through `type`, so they are interned too when types are. */
  private typeNode(t: LfType): Pb {
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
