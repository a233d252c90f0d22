/**
 * A tiny DSL for protobufjs JSON descriptors, so the LF schema below reads like a field table.
 * The schema is written by hand; test/real-daml-schema.test.ts checks it against the real Daml 1.13.1 descriptors.
 */
import type { IEnum, IField, IType } from "protobufjs";

/** `[fieldNumber, typeName]`, optionally `"repeated"`. */
export type FieldSpec = readonly [number, string] | readonly [number, string, "repeated"];

export function message(fields: Record<string, FieldSpec>, oneofs: Record<string, readonly string[]> = {}): IType {
  const out: Record<string, IField & { rule?: string }> = {};
  for (const [name, spec] of Object.entries(fields)) {
    const field: IField & { rule?: string } = { id: spec[0], type: spec[1] };
    if (spec[2] === "repeated") field.rule = "repeated";
    out[name] = field;
  }
  const type: IType = { fields: out };
  if (Object.keys(oneofs).length > 0) {
    type.oneofs = Object.fromEntries(Object.entries(oneofs).map(([name, members]) => [name, { oneof: [...members] }]));
  }
  return type;
}

export function enumeration(values: Record<string, number>): IEnum {
  return { values };
}

/** A pair of fields `<base>Str` / `<base>InternedStr`: the inline and interned alternative of a name. */
export function nameFields(base: string, strId: number, internedId: number): Record<string, FieldSpec> {
  return { [`${base}Str`]: [strId, "string"], [`${base}InternedStr`]: [internedId, "int32"] };
}
