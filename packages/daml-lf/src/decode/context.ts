/** Interning tables of one package: strings, dotted names and types, resolved on demand. */
import type { Kind, LfType, PackageRef, QualifiedName, TypeVarWithKind, FieldWithType } from "../ast/types.js";
import { primTypeByNumber } from "../ast/types.js";
import type { Raw } from "./raw.js";
import { RawReader } from "./raw.js";

export class DecodeContext extends RawReader {
  private readonly internedStrings: readonly string[];
  private readonly dottedNames: readonly (readonly number[])[];
  private readonly rawTypes: readonly Raw[];
  private readonly typeCache: (LfType | undefined)[];
  private readonly resolving = new Set<number>();

  constructor(file: string, pkg: Raw) {
    super(file);
    this.internedStrings = this.strings(pkg, "internedStrings");
    this.dottedNames = this.list(pkg, "internedDottedNames").map((d) => this.numbers(d, "segmentsInternedStr"));
    this.rawTypes = this.list(pkg, "internedTypes");
    this.typeCache = new Array<LfType | undefined>(this.rawTypes.length);
  }

  internedString(index: number): string {
    const s = this.internedStrings[index];
    return s ?? this.malformed(`interned string ${index} out of range (${this.internedStrings.length} strings)`);
  }

  internedDottedName(index: number): string {
    const segments = this.dottedNames[index] ?? this.malformed(`interned dotted name ${index} out of range`);
    return segments.map((i) => this.internedString(i)).join(".");
  }

  /** A name stored as `<base>Str` (inline) or `<base>InternedStr` (interned), whichever is set. */
  name(m: Raw, base: string, context: string): string {
    if (this.has(m, `${base}InternedStr`)) return this.internedString(this.num(m, `${base}InternedStr`));
    if (this.has(m, `${base}Str`)) return this.str(m, `${base}Str`);
    return this.malformed(`${context} has no ${base}`);
  }

  /** A dotted name stored as `<base>Dname` (a DottedName message) or `<base>InternedDname`. */
  dottedName(m: Raw, base: string, context: string): string {
    if (this.has(m, `${base}InternedDname`)) return this.internedDottedName(this.num(m, `${base}InternedDname`));
    const inline = this.optMsg(m, `${base}Dname`);
    if (inline !== undefined) return this.strings(inline, "segments").join(".");
    return this.malformed(`${context} has no ${base}`);
  }

  packageRef(m: Raw): PackageRef {
    switch (this.oneof(m, "Sum")) {
      case "self":
        return { kind: "self" };
      case "packageIdStr":
        return { kind: "imported", packageId: this.str(m, "packageIdStr") };
      case "packageIdInternedStr":
        return { kind: "imported", packageId: this.internedString(this.num(m, "packageIdInternedStr")) };
      default:
        return this.malformed("PackageRef has no package");
    }
  }

  moduleRef(m: Raw): { package: PackageRef; module: string } {
    return {
      package: this.packageRef(this.msg(m, "packageRef", "ModuleRef")),
      module: this.dottedName(m, "moduleName", "ModuleRef"),
    };
  }

  /** TypeConName, TypeSynName: a module reference plus a dotted name. */
  qualifiedName(m: Raw): QualifiedName {
    return { ...this.moduleRef(this.msg(m, "module", "type constructor name")), name: this.dottedName(m, "name", "TypeConName") };
  }

  valueName(m: Raw): QualifiedName {
    const ref = this.moduleRef(this.msg(m, "module", "ValName"));
    const name = this.has(m, "nameInternedDname")
      ? this.internedDottedName(this.num(m, "nameInternedDname"))
      : this.strings(m, "nameDname").join(".");
    return { ...ref, name };
  }

  kind(m: Raw): Kind {
    switch (this.oneof(m, "Sum")) {
      case "star":
        return { kind: "star" };
      case "nat":
        return { kind: "nat" };
      case "arrow": {
        const arrow = this.msg(m, "arrow", "Kind");
        return { kind: "arrow", params: this.list(arrow, "params").map((k) => this.kind(k)), result: this.kind(this.msg(arrow, "result", "Kind.Arrow")) };
      }
      default:
        return this.malformed("Kind has no case set");
    }
  }

  typeVarWithKind(m: Raw): TypeVarWithKind {
    return { name: this.name(m, "var", "TypeVarWithKind"), kind: this.kind(this.msg(m, "kind", "TypeVarWithKind")) };
  }

  fieldWithType(m: Raw): FieldWithType {
    return { name: this.name(m, "field", "FieldWithType"), type: this.type(this.msg(m, "type", "FieldWithType")) };
  }

  type(m: Raw): LfType {
    const args = (t: Raw) => this.list(t, "args").map((a) => this.type(a));
    switch (this.oneof(m, "Sum")) {
      case "interned":
        return this.internedType(this.num(m, "interned"));
      case "var": {
        const v = this.msg(m, "var", "Type");
        return { kind: "var", name: this.name(v, "var", "Type.Var"), args: args(v) };
      }
      case "con": {
        const c = this.msg(m, "con", "Type");
        return { kind: "con", tycon: this.qualifiedName(this.msg(c, "tycon", "Type.Con")), args: args(c) };
      }
      case "prim": {
        const p = this.msg(m, "prim", "Type");
        const prim = primTypeByNumber[this.num(p, "prim")] ?? this.malformed(`unknown PrimType ${this.num(p, "prim")}`);
        return { kind: "prim", prim, args: args(p) };
      }
      case "forall": {
        const f = this.msg(m, "forall", "Type");
        return {
          kind: "forall",
          vars: this.list(f, "vars").map((v) => this.typeVarWithKind(v)),
          body: this.type(this.msg(f, "body", "Type.Forall")),
        };
      }
      case "struct":
        return { kind: "struct", fields: this.list(this.msg(m, "struct", "Type"), "fields").map((f) => this.fieldWithType(f)) };
      case "nat":
        return { kind: "nat", value: Number(this.bigint(m, "nat")) };
      case "syn": {
        const s = this.msg(m, "syn", "Type");
        return { kind: "syn", tysyn: this.qualifiedName(this.msg(s, "tysyn", "Type.Syn")), args: args(s) };
      }
      default:
        return this.malformed("Type has no case set");
    }
  }

  /** Interned types refer only to smaller indices, so resolution terminates; a cycle is malformed input. */
  private internedType(index: number): LfType {
    const cached = this.typeCache[index];
    if (cached !== undefined) return cached;
    const raw = this.rawTypes[index] ?? this.malformed(`interned type ${index} out of range`);
    if (this.resolving.has(index)) this.malformed(`interned type ${index} refers to itself`);
    this.resolving.add(index);
    const resolved = this.type(raw);
    this.resolving.delete(index);
    this.typeCache[index] = resolved;
    return resolved;
  }
}
