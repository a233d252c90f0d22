// Ledger API values (com.daml.ledger.api.v1.Value, as protobufjs plain objects) to and from the JSON API's LF-JSON.
// Ledger → JSON is structural: it yields LF-JSON in a form the type-directed codec of @dit/daml-lf accepts (records
// in array form, so field labels are not needed), and normalizeLfJson then gives the exact JSON API output.
// JSON → ledger goes through decodeLfJson (type-directed, with the JSON API's errors) and then lfValueToApi.
import type { JsonValue, LfValue, QualifiedName } from "@dit/daml-lf";
import { formatDate, formatNumericLiteral, formatTimestamp } from "@dit/daml-lf";
import type { ProtoObject } from "./client.js";

export interface ApiIdentifier {
  packageId: string;
  moduleName: string;
  entityName: string;
}

export function toApiIdentifier(name: QualifiedName): ApiIdentifier {
  if (name.package.kind !== "imported") throw new Error(`${name.module}:${name.name}: a package-relative name has no Ledger API identifier`);
  return { packageId: name.package.packageId, moduleName: name.module, entityName: name.name };
}

export const formatApiIdentifier = (id: ApiIdentifier): string => `${id.packageId}:${id.moduleName}:${id.entityName}`;

/** A typed value as a Ledger API Value. */
export function lfValueToApi(value: LfValue): ProtoObject {
  switch (value.kind) {
    case "unit":
      return { unit: {} };
    case "bool":
      return { bool: value.value };
    case "int64":
      return { int64: value.value.toString() };
    case "numeric":
      return { numeric: formatNumericLiteral(value) };
    case "text":
      return { text: value.value };
    case "party":
      return { party: value.value };
    case "contractId":
      return { contractId: value.value };
    case "date":
      return { date: value.days };
    case "timestamp":
      return { timestamp: value.micros.toString() };
    case "list":
      return { list: { elements: value.items.map(lfValueToApi) } };
    case "textMap":
      return { map: { entries: value.entries.map(([key, v]) => ({ key, value: lfValueToApi(v) })) } };
    case "genMap":
      return { genMap: { entries: value.entries.map(([key, v]) => ({ key: lfValueToApi(key), value: lfValueToApi(v) })) } };
    case "optional":
      return { optional: value.value === undefined ? {} : { value: lfValueToApi(value.value) } };
    case "record":
      return { record: lfRecordToApi(value) };
    case "variant":
      return { variant: { variantId: toApiIdentifier(value.tycon), constructor: value.constructor, value: lfValueToApi(value.value) } };
    case "enum":
      return { enum: { enumId: toApiIdentifier(value.tycon), constructor: value.constructor } };
  }
}

/** A record value as a Ledger API Record (create arguments are Records, not Values). */
export function lfRecordToApi(value: LfValue): ProtoObject {
  if (value.kind !== "record") throw new Error(`expected a record value, got ${value.kind}`);
  return { recordId: toApiIdentifier(value.tycon), fields: value.fields.map((f) => ({ label: f.name, value: lfValueToApi(f.value) })) };
}

type ApiValue = ProtoObject & { sum?: string };

/** A Ledger API Value as LF-JSON input (records as arrays); normalise it with the value's type for JSON API output. */
export function apiValueToJson(value: ApiValue): JsonValue {
  const kind = value.sum ?? Object.keys(value).find((k) => k !== "sum");
  const payload = kind === undefined ? undefined : value[kind];
  switch (kind) {
    case "unit":
      return {};
    case "bool":
      return payload === true;
    case "int64":
    case "numeric":
    case "text":
    case "party":
    case "contractId":
      return String(payload);
    case "date":
      return formatDate(Number(payload));
    case "timestamp":
      return formatTimestamp(BigInt(String(payload)));
    case "list":
      return elements(payload, "elements").map(apiValueToJson);
    case "map":
      return Object.fromEntries(elements(payload, "entries").map((e) => [String(e.key), apiValueToJson(e.value as ApiValue)]));
    case "genMap":
      return elements(payload, "entries").map((e) => [apiValueToJson(e.key as ApiValue), apiValueToJson(e.value as ApiValue)]);
    case "optional": {
      const inner = (payload as ProtoObject).value as ApiValue | undefined;
      if (inner === undefined) return null;
      const json = apiValueToJson(inner);
      // Some (Some x) nests as [x], Some None as []: the JSON API's encoding of nested optionals.
      return isOptional(inner) ? (json === null ? [] : [json]) : json;
    }
    case "record":
      return apiRecordToJson(payload as ProtoObject);
    case "variant": {
      const v = payload as ProtoObject;
      return { tag: String(v.constructor), value: apiValueToJson((v.value ?? { unit: {} }) as ApiValue) };
    }
    case "enum":
      return String((payload as ProtoObject).constructor);
    default:
      throw new Error(`unsupported Ledger API value ${JSON.stringify(value).slice(0, 80)}`);
  }
}

/** A Ledger API Record as the array form of LF-JSON (field order is the data type's order). */
export function apiRecordToJson(record: ProtoObject): JsonValue[] {
  return elements(record, "fields").map((f) => apiValueToJson(f.value as ApiValue));
}

const isOptional = (value: ApiValue) => (value.sum ?? Object.keys(value)[0]) === "optional";

function elements(container: unknown, key: string): ProtoObject[] {
  const list = (container as ProtoObject | undefined)?.[key];
  return Array.isArray(list) ? (list as ProtoObject[]) : [];
}
