/** Typed Daml-LF values, the codec's internal form between JSON input and JSON output. */
import type { QualifiedName } from "../ast/types.js";

export type LfValue =
  | { readonly kind: "unit" }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "int64"; readonly value: bigint }
  | { readonly kind: "numeric"; readonly scale: number; readonly unscaled: bigint }
  | { readonly kind: "text" | "party" | "contractId"; readonly value: string }
  /** Days since 1970-01-01. */
  | { readonly kind: "date"; readonly days: number }
  /** Microseconds since the Unix epoch, UTC. */
  | { readonly kind: "timestamp"; readonly micros: bigint }
  | { readonly kind: "list"; readonly items: readonly LfValue[] }
  | { readonly kind: "textMap"; readonly entries: readonly (readonly [string, LfValue])[] }
  | { readonly kind: "genMap"; readonly entries: readonly (readonly [LfValue, LfValue])[] }
  | { readonly kind: "optional"; readonly value: LfValue | undefined }
  | { readonly kind: "record"; readonly tycon: QualifiedName; readonly fields: readonly { readonly name: string; readonly value: LfValue }[] }
  | { readonly kind: "variant"; readonly tycon: QualifiedName; readonly constructor: string; readonly value: LfValue }
  | { readonly kind: "enum"; readonly tycon: QualifiedName; readonly constructor: string };

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
