/** Helpers over LF types: printing, substitution, and making `self` references absolute. */
import type { FieldWithType, LfType, QualifiedName } from "./types.js";

/** `pkgId:Module.Path:Entity` (or `Module.Path:Entity` for a `self` reference). */
export function formatQualifiedName(name: QualifiedName): string {
  const prefix = name.package.kind === "imported" ? `${name.package.packageId}:` : "";
  return `${prefix}${name.module}:${name.name}`;
}

/** A short human form, e.g. `Numeric 10`, `Optional (List Party)`, `DA.Types:Tuple2 Party Text`. */
export function formatType(type: LfType): string {
  const withArgs = (head: string, args: readonly LfType[]) =>
    [head, ...args.map((a) => (isAtomic(a) ? formatType(a) : `(${formatType(a)})`))].join(" ");
  switch (type.kind) {
    case "var":
      return withArgs(type.name, type.args);
    case "con":
      return withArgs(`${type.tycon.module}:${type.tycon.name}`, type.args);
    case "syn":
      return withArgs(`${type.tysyn.module}:${type.tysyn.name}`, type.args);
    case "prim":
      if (type.prim === "Arrow" && type.args.length === 2) {
        const [from, to] = type.args as [LfType, LfType];
        return `${isAtomic(from) ? formatType(from) : `(${formatType(from)})`} -> ${formatType(to)}`;
      }
      return withArgs(type.prim, type.args);
    case "nat":
      return String(type.value);
    case "forall":
      return `forall ${type.vars.map((v) => v.name).join(" ")}. ${formatType(type.body)}`;
    case "struct":
      return `<${type.fields.map((f) => `${f.name}: ${formatType(f.type)}`).join(", ")}>`;
  }
}

function isAtomic(type: LfType): boolean {
  return type.kind === "nat" || type.kind === "struct" || ((type.kind === "var" || type.kind === "con" || type.kind === "prim" || type.kind === "syn") && type.args.length === 0);
}

/** Replaces type variables by the given types (capture is not an issue: serializable types have no foralls). */
export function substituteType(type: LfType, bindings: ReadonlyMap<string, LfType>): LfType {
  if (bindings.size === 0) return type;
  const sub = (t: LfType) => substituteType(t, bindings);
  switch (type.kind) {
    case "var": {
      const bound = bindings.get(type.name);
      if (bound === undefined) return { ...type, args: type.args.map(sub) };
      return type.args.length === 0 ? bound : applyType(bound, type.args.map(sub));
    }
    case "con":
    case "prim":
    case "syn":
      return { ...type, args: type.args.map(sub) };
    case "forall": {
      const inner = new Map(bindings);
      for (const v of type.vars) inner.delete(v.name);
      return { ...type, body: substituteType(type.body, inner) };
    }
    case "struct":
      return { kind: "struct", fields: type.fields.map((f) => ({ name: f.name, type: sub(f.type) })) };
    case "nat":
      return type;
  }
}

function applyType(head: LfType, args: readonly LfType[]): LfType {
  if (head.kind === "var" || head.kind === "con" || head.kind === "prim" || head.kind === "syn") return { ...head, args: [...head.args, ...args] };
  return head;
}

/** Turns every `self` package reference into `packageId`, so the type means the same outside its package. */
export function absoluteType(type: LfType, packageId: string): LfType {
  const abs = (t: LfType) => absoluteType(t, packageId);
  switch (type.kind) {
    case "var":
    case "prim":
      return type.args.length === 0 ? type : { ...type, args: type.args.map(abs) };
    case "con":
      return { kind: "con", tycon: absoluteName(type.tycon, packageId), args: type.args.map(abs) };
    case "syn":
      return { kind: "syn", tysyn: absoluteName(type.tysyn, packageId), args: type.args.map(abs) };
    case "forall":
      return { ...type, body: abs(type.body) };
    case "struct":
      return { kind: "struct", fields: type.fields.map((f) => absoluteField(f, packageId)) };
    case "nat":
      return type;
  }
}

export function absoluteField(field: FieldWithType, packageId: string): FieldWithType {
  return { name: field.name, type: absoluteType(field.type, packageId) };
}

export function absoluteName(name: QualifiedName, packageId: string): QualifiedName {
  return name.package.kind === "self" ? { ...name, package: { kind: "imported", packageId } } : name;
}
