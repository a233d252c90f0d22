/**
 * The JSON API v1 LF-JSON encoding (ledger-protocol.md §1.7), type-directed in both directions:
 * `decodeLfJson` reads what clients send (lenient where the JSON API is), `encodeLfJson` writes what the server
 * returns. Errors name the value path and the expected type.
 */
import { formatType, substituteType } from "../ast/type-utils.js";
import type { LfType, QualifiedName } from "../ast/types.js";
import { DamlLfError } from "../errors.js";
import type { DamlLfErrorCode } from "../errors.js";
import { formatNumeric, numericInRange, parseNumeric } from "./numeric.js";
import { dateInRange, formatDate, formatTimestamp, parseDate, parseTimestamp, timestampInRange } from "./time.js";
import type { LfTypeIndex, ResolvedDataType } from "./type-index.js";
import type { JsonValue, LfValue } from "./value.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INT64_TEXT = /^[+-]?\d+$/;

/** A type with synonyms expanded and data types looked up, ready to drive the codec. */
type Shape =
  | { readonly kind: "prim"; readonly prim: string; readonly args: readonly LfType[] }
  | { readonly kind: "data"; readonly data: ResolvedDataType; readonly args: readonly LfType[] };

class Codec {
  constructor(private readonly types: LfTypeIndex) {}

  fail(code: DamlLfErrorCode, path: string, message: string): never {
    throw new DamlLfError(code, `${path}: ${message}`, { valuePath: path });
  }

  mismatch(path: string, type: LfType, got: unknown): never {
    return this.fail("json/type-mismatch", path, `expected ${formatType(type)}, got ${describeJson(got)}`);
  }

  shape(type: LfType, path: string): Shape {
    switch (type.kind) {
      case "prim":
        return { kind: "prim", prim: type.prim, args: type.args };
      case "con":
        return { kind: "data", data: this.types.dataType(type.tycon), args: type.args };
      case "syn": {
        const syn = this.types.synonym(type.tysyn);
        return this.shape(substituteType(syn.type, bindParams(syn.params, type.args)), path);
      }
      default:
        return this.fail("json/unsupported-type", path, `cannot encode values of type ${formatType(type)} as JSON`);
    }
  }

  isOptional(type: LfType, path: string): boolean {
    const s = this.shape(type, path);
    return s.kind === "prim" && s.prim === "Optional";
  }

  /** Argument i of a prim type; LF types from a valid package always have it. */
  arg(shape: { args: readonly LfType[] }, i: number, path: string): LfType {
    return shape.args[i] ?? this.fail("json/unsupported-type", path, "type constructor is missing a type argument");
  }

  scale(shape: { prim: string; args: readonly LfType[] }, path: string): number {
    if (shape.prim === "Decimal") return 10;
    const nat = shape.args[0];
    return nat?.kind === "nat" ? nat.value : this.fail("json/unsupported-type", path, "Numeric without a fixed scale");
  }

  fieldTypes(data: ResolvedDataType, args: readonly LfType[]): Map<string, LfType> {
    return bindParams(data.params, args);
  }

  decode(json: unknown, type: LfType, path: string): LfValue {
    const s = this.shape(type, path);
    if (s.kind === "data") return this.decodeData(json, s.data, s.args, type, path);
    switch (s.prim) {
      case "Unit":
        if (isObject(json)) return { kind: "unit" };
        return this.mismatch(path, type, json);
      case "Bool":
        if (typeof json === "boolean") return { kind: "bool", value: json };
        return this.mismatch(path, type, json);
      case "Int64": {
        let value: bigint | undefined;
        if (typeof json === "string" && INT64_TEXT.test(json)) value = BigInt(json);
        else if (typeof json === "number" && Number.isSafeInteger(json)) value = BigInt(json);
        if (value === undefined) return this.mismatch(path, type, json);
        if (value < INT64_MIN || value > INT64_MAX) return this.fail("json/out-of-range", path, `${json} is out of the Int64 range`);
        return { kind: "int64", value };
      }
      case "Numeric":
      case "Decimal": {
        const scale = this.scale(s, path);
        const parsed = typeof json === "string" || typeof json === "number" ? parseNumeric(String(json), scale) : undefined;
        if (parsed === undefined) return this.mismatch(path, type, json);
        if (!numericInRange(parsed)) {
          return this.fail("json/out-of-range", path, `${json} does not fit ${formatType(type)} (at most ${38 - scale} integer digits)`);
        }
        return { kind: "numeric", ...parsed };
      }
      case "Text":
      case "Party":
      case "ContractId":
        if (typeof json === "string") return { kind: s.prim === "Text" ? "text" : s.prim === "Party" ? "party" : "contractId", value: json };
        return this.mismatch(path, type, json);
      case "Date": {
        const days = typeof json === "string" ? parseDate(json) : undefined;
        return days === undefined ? this.mismatch(path, type, json) : { kind: "date", days };
      }
      case "Timestamp": {
        const micros = typeof json === "string" ? parseTimestamp(json) : undefined;
        return micros === undefined ? this.mismatch(path, type, json) : { kind: "timestamp", micros };
      }
      case "List": {
        if (!Array.isArray(json)) return this.mismatch(path, type, json);
        const item = this.arg(s, 0, path);
        return { kind: "list", items: json.map((x: unknown, i) => this.decode(x, item, `${path}[${i}]`)) };
      }
      case "TextMap": {
        if (!isObject(json)) return this.mismatch(path, type, json);
        const item = this.arg(s, 0, path);
        return { kind: "textMap", entries: Object.entries(json).map(([k, v]) => [k, this.decode(v, item, `${path}${keyPath(k)}`)] as const) };
      }
      case "GenMap":
        return this.decodeGenMap(json, s, type, path);
      case "Optional":
        if (json === null || json === undefined) return { kind: "optional", value: undefined };
        return { kind: "optional", value: this.decodeSomeOf(json, this.arg(s, 0, path), path) };
      default:
        return this.fail("json/unsupported-type", path, `values of type ${formatType(type)} have no JSON encoding`);
    }
  }

  /** The payload of `Some`: nested Optionals use `[]` / `[x]` so that `Some None` differs from `None`. */
  private decodeSomeOf(json: unknown, inner: LfType, path: string): LfValue {
    if (!this.isOptional(inner, path)) return this.decode(json, inner, path);
    if (!Array.isArray(json) || json.length > 1) {
      return this.fail("json/type-mismatch", path, `expected ${formatType(inner)} nested in Optional as [] or [value], got ${describeJson(json)}`);
    }
    if (json.length === 0) return { kind: "optional", value: undefined };
    const innerShape = this.shape(inner, path) as { args: readonly LfType[] };
    return { kind: "optional", value: this.decodeSomeOf(json[0], this.arg(innerShape, 0, path), `${path}[0]`) };
  }

  private decodeGenMap(json: unknown, s: { args: readonly LfType[] }, type: LfType, path: string): LfValue {
    if (!Array.isArray(json)) return this.mismatch(path, type, json);
    const [keyType, valueType] = [this.arg(s, 0, path), this.arg(s, 1, path)];
    const seen = new Set<string>();
    const entries = json.map((pair: unknown, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        return this.fail("json/type-mismatch", `${path}[${i}]`, `expected a [key, value] pair, got ${describeJson(pair)}`);
      }
      const key = this.decode(pair[0], keyType, `${path}[${i}][0]`);
      const canonical = JSON.stringify(this.encode(key, keyType, path));
      if (seen.has(canonical)) return this.fail("json/duplicate-key", `${path}[${i}]`, `duplicate key ${canonical} in ${formatType(type)}`);
      seen.add(canonical);
      return [key, this.decode(pair[1], valueType, `${path}[${i}][1]`)] as const;
    });
    return { kind: "genMap", entries };
  }

  private decodeData(json: unknown, data: ResolvedDataType, args: readonly LfType[], type: LfType, path: string): LfValue {
    const bindings = this.fieldTypes(data, args);
    const cons = data.cons;
    switch (cons.kind) {
      case "record": {
        const fields = cons.fields.map((f) => ({ name: f.name, type: substituteType(f.type, bindings) }));
        if (Array.isArray(json)) {
          if (json.length !== fields.length) {
            return this.fail("json/type-mismatch", path, `expected ${formatType(type)} as an array of ${fields.length} fields, got ${json.length} elements`);
          }
          return { kind: "record", tycon: data.id, fields: fields.map((f, i) => ({ name: f.name, value: this.decode(json[i], f.type, `${path}.${f.name}`) })) };
        }
        if (!isObject(json)) return this.mismatch(path, type, json);
        const known = new Set(fields.map((f) => f.name));
        const unknown = Object.keys(json).find((k) => !known.has(k));
        if (unknown !== undefined) {
          return this.fail("json/unknown-field", `${path}.${unknown}`, `${formatType(type)} has no field "${unknown}" (fields: ${[...known].join(", ")})`);
        }
        const values = fields.map((f) => {
          const fieldPath = `${path}.${f.name}`;
          if (!Object.prototype.hasOwnProperty.call(json, f.name)) {
            if (this.isOptional(f.type, fieldPath)) return { name: f.name, value: { kind: "optional", value: undefined } as const };
            return this.fail("json/missing-field", fieldPath, `missing field of type ${formatType(f.type)}`);
          }
          return { name: f.name, value: this.decode(json[f.name], f.type, fieldPath) };
        });
        return { kind: "record", tycon: data.id, fields: values };
      }
      case "variant": {
        if (!isObject(json) || typeof json["tag"] !== "string") {
          return this.fail("json/type-mismatch", path, `expected ${formatType(type)} as {"tag": ..., "value": ...}, got ${describeJson(json)}`);
        }
        const tag = json["tag"];
        const ctor = cons.constructors.find((c) => c.name === tag);
        if (ctor === undefined) {
          return this.fail("json/type-mismatch", `${path}.tag`, `${formatType(type)} has no constructor "${tag}" (constructors: ${cons.constructors.map((c) => c.name).join(", ")})`);
        }
        const argType = substituteType(ctor.type, bindings);
        const raw = json["value"] === undefined && this.isUnit(argType, path) ? {} : json["value"];
        return { kind: "variant", tycon: data.id, constructor: tag, value: this.decode(raw, argType, `${path}.value`) };
      }
      case "enum": {
        if (typeof json === "string" && cons.constructors.includes(json)) return { kind: "enum", tycon: data.id, constructor: json };
        return this.fail("json/type-mismatch", path, `expected one of ${cons.constructors.map((c) => JSON.stringify(c)).join(", ")} (${formatType(type)}), got ${describeJson(json)}`);
      }
      case "interface":
        return this.fail("json/unsupported-type", path, `interface ${formatType(type)} values have no JSON encoding`);
    }
  }

  private isUnit(type: LfType, path: string): boolean {
    const s = this.shape(type, path);
    return s.kind === "prim" && s.prim === "Unit";
  }

  encode(value: LfValue, type: LfType, path: string): JsonValue {
    const s = this.shape(type, path);
    const wrong = (): never => this.fail("json/type-mismatch", path, `value of kind ${value.kind} does not have type ${formatType(type)}`);
    if (s.kind === "data") return this.encodeData(value, s.data, s.args, path, wrong);
    switch (s.prim) {
      case "Unit":
        return value.kind === "unit" ? {} : wrong();
      case "Bool":
        return value.kind === "bool" ? value.value : wrong();
      case "Int64":
        if (value.kind !== "int64") return wrong();
        if (value.value < INT64_MIN || value.value > INT64_MAX) return this.fail("json/out-of-range", path, `${value.value} is out of the Int64 range`);
        return value.value.toString();
      case "Numeric":
      case "Decimal": {
        if (value.kind !== "numeric") return wrong();
        const scale = this.scale(s, path);
        if (value.scale !== scale) return this.fail("json/type-mismatch", path, `value has scale ${value.scale}, type is ${formatType(type)}`);
        if (!numericInRange(value)) return this.fail("json/out-of-range", path, `value does not fit ${formatType(type)}`);
        return formatNumeric(value);
      }
      case "Text":
        return value.kind === "text" ? value.value : wrong();
      case "Party":
        return value.kind === "party" ? value.value : wrong();
      case "ContractId":
        return value.kind === "contractId" ? value.value : wrong();
      case "Date":
        if (value.kind !== "date") return wrong();
        return dateInRange(value.days) ? formatDate(value.days) : this.fail("json/out-of-range", path, "date out of range");
      case "Timestamp":
        if (value.kind !== "timestamp") return wrong();
        return timestampInRange(value.micros) ? formatTimestamp(value.micros) : this.fail("json/out-of-range", path, "timestamp out of range");
      case "List": {
        if (value.kind !== "list") return wrong();
        const item = this.arg(s, 0, path);
        return value.items.map((x, i) => this.encode(x, item, `${path}[${i}]`));
      }
      case "TextMap": {
        if (value.kind !== "textMap") return wrong();
        const item = this.arg(s, 0, path);
        return Object.fromEntries(value.entries.map(([k, v]) => [k, this.encode(v, item, `${path}${keyPath(k)}`)]));
      }
      case "GenMap": {
        if (value.kind !== "genMap") return wrong();
        const [keyType, valueType] = [this.arg(s, 0, path), this.arg(s, 1, path)];
        return value.entries.map(([k, v], i) => [this.encode(k, keyType, `${path}[${i}][0]`), this.encode(v, valueType, `${path}[${i}][1]`)]);
      }
      case "Optional":
        if (value.kind !== "optional") return wrong();
        return value.value === undefined ? null : this.encodeSomeOf(value.value, this.arg(s, 0, path), path);
      default:
        return this.fail("json/unsupported-type", path, `values of type ${formatType(type)} have no JSON encoding`);
    }
  }

  private encodeSomeOf(value: LfValue, inner: LfType, path: string): JsonValue {
    if (!this.isOptional(inner, path)) return this.encode(value, inner, path);
    if (value.kind !== "optional") return this.fail("json/type-mismatch", path, `value of kind ${value.kind} does not have type ${formatType(inner)}`);
    if (value.value === undefined) return [];
    const innerShape = this.shape(inner, path) as { args: readonly LfType[] };
    return [this.encodeSomeOf(value.value, this.arg(innerShape, 0, path), `${path}[0]`)];
  }

  private encodeData(value: LfValue, data: ResolvedDataType, args: readonly LfType[], path: string, wrong: () => never): JsonValue {
    const bindings = this.fieldTypes(data, args);
    const cons = data.cons;
    switch (cons.kind) {
      case "record": {
        if (value.kind !== "record") return wrong();
        const given = new Map(value.fields.map((f) => [f.name, f.value]));
        return Object.fromEntries(
          cons.fields.map((f) => {
            const fieldPath = `${path}.${f.name}`;
            const v = given.get(f.name) ?? this.fail("json/missing-field", fieldPath, "record value lacks this field");
            return [f.name, this.encode(v, substituteType(f.type, bindings), fieldPath)];
          }),
        );
      }
      case "variant": {
        if (value.kind !== "variant") return wrong();
        const ctor = cons.constructors.find((c) => c.name === value.constructor) ?? wrong();
        return { tag: ctor.name, value: this.encode(value.value, substituteType(ctor.type, bindings), `${path}.value`) };
      }
      case "enum":
        return value.kind === "enum" && cons.constructors.includes(value.constructor) ? value.constructor : wrong();
      case "interface":
        return this.fail("json/unsupported-type", path, "interface values have no JSON encoding");
    }
  }
}

function bindParams(params: readonly { readonly name: string }[], args: readonly LfType[]): Map<string, LfType> {
  const bindings = new Map<string, LfType>();
  params.forEach((p, i) => {
    const arg = args[i];
    if (arg !== undefined) bindings.set(p.name, arg);
  });
  return bindings;
}

function isObject(json: unknown): json is Record<string, unknown> {
  return json !== null && typeof json === "object" && !Array.isArray(json);
}

function keyPath(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function describeJson(json: unknown): string {
  if (json === undefined) return "nothing";
  const text = JSON.stringify(json) ?? String(json);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export interface LfJsonOptions {
  /** The root of error paths, e.g. `payload` or `argument`. Default `value`. */
  readonly path?: string;
}

/** JSON as a client sends it → typed value. Throws DamlLfError (`json/*`) naming the path and expected type. */
export function decodeLfJson(json: unknown, type: LfType, types: LfTypeIndex, options: LfJsonOptions = {}): LfValue {
  return new Codec(types).decode(json, type, options.path ?? "value");
}

/** Typed value → JSON exactly as the JSON API v1 returns it. */
export function encodeLfJson(value: LfValue, type: LfType, types: LfTypeIndex, options: LfJsonOptions = {}): JsonValue {
  return new Codec(types).encode(value, type, options.path ?? "value");
}

/** Client JSON → the server's canonical output form (e.g. `1` → `"1"`, `"1.50"` → `"1.5"`). */
export function normalizeLfJson(json: unknown, type: LfType, types: LfTypeIndex, options: LfJsonOptions = {}): JsonValue {
  const codec = new Codec(types);
  const path = options.path ?? "value";
  return codec.encode(codec.decode(json, type, path), type, path);
}

/** The type of a template's payload, for use with the codec. */
export function templatePayloadType(templateId: QualifiedName): LfType {
  return { kind: "con", tycon: templateId, args: [] };
}
