/**
 * Typed access to protobufjs-decoded messages, which are untyped objects. Missing sub-messages become a
 * DamlLfError("lf/malformed") naming the file, instead of a TypeError deep in the decoder.
 */
import { DamlLfError } from "../errors.js";

/** A decoded protobuf message: field name → value. */
export interface Raw {
  readonly [field: string]: unknown;
}

export class RawReader {
  constructor(readonly file: string) {}

  malformed(what: string): never {
    throw new DamlLfError("lf/malformed", `${this.file}: malformed Daml-LF package: ${what}`, { file: this.file });
  }

  /** The member name set in a oneof, e.g. `Sum`. */
  oneof(m: Raw, oneof: string): string | undefined {
    const name = m[oneof];
    return typeof name === "string" ? name : undefined;
  }

  has(m: Raw, field: string): boolean {
    return Object.prototype.hasOwnProperty.call(m, field) && m[field] != null;
  }

  msg(m: Raw, field: string, context: string): Raw {
    const v = m[field];
    if (v === null || typeof v !== "object") return this.malformed(`${context} has no ${field}`);
    return v as Raw;
  }

  optMsg(m: Raw, field: string): Raw | undefined {
    return this.has(m, field) ? (m[field] as Raw) : undefined;
  }

  list(m: Raw, field: string): readonly Raw[] {
    const v = m[field];
    return Array.isArray(v) ? (v as Raw[]) : [];
  }

  numbers(m: Raw, field: string): readonly number[] {
    const v = m[field];
    return Array.isArray(v) ? (v as number[]) : [];
  }

  strings(m: Raw, field: string): readonly string[] {
    const v = m[field];
    return Array.isArray(v) ? (v as string[]) : [];
  }

  num(m: Raw, field: string): number {
    const v = m[field];
    return typeof v === "number" ? v : 0;
  }

  bool(m: Raw, field: string): boolean {
    return m[field] === true;
  }

  str(m: Raw, field: string): string {
    const v = m[field];
    return typeof v === "string" ? v : "";
  }

  /** int64 fields arrive as numbers or Long objects; both become bigint. */
  bigint(m: Raw, field: string): bigint {
    const v = m[field];
    if (typeof v === "number") return BigInt(v);
    if (typeof v === "bigint") return v;
    if (v !== null && typeof v === "object") return BigInt(String(v));
    return 0n;
  }
}
