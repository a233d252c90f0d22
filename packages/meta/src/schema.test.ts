import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import { loadSchema } from "./schema.js";
import {
  CATALOG_KEYS, DAML_MODEL_KEYS, FIELD_KEYS, INT_ARGS_KEYS, INTEGRATION_TYPE_KEYS, type KeyKind, PACKAGE_METADATA_KEYS,
} from "./types.js";

type SchemaNode = { type?: string | string[]; properties?: Record<string, SchemaNode>; required?: string[]; $ref?: string;
  description?: string; examples?: unknown[]; additionalProperties?: unknown; pattern?: string };

const meta = loadSchema("dit-meta") as SchemaNode & { definitions: Record<string, SchemaNode> };
const args = loadSchema("int-args") as SchemaNode;

const KIND_TYPES: Record<KeyKind, string[]> = {
  string: ["string"], "string?": ["string", "null"], boolean: ["boolean"], "boolean?": ["boolean", "null"],
  "date?": ["string", "null"], list: ["array"], "list?": ["array", "null"], "object?": ["object", "null"], map: ["object"],
};

function resolve(node: SchemaNode): SchemaNode {
  return node.$ref ? meta.definitions[node.$ref.replace("#/definitions/", "")]! : node;
}

describe("the TypeScript types agree with the JSON Schema", () => {
  const cases: Array<[string, SchemaNode, Record<string, { kind: KeyKind; required: boolean }>]> = [
    ["metadata", meta, PACKAGE_METADATA_KEYS],
    ["catalog", meta.definitions.catalog!, CATALOG_KEYS],
    ["daml_model", meta.definitions.daml_model!, DAML_MODEL_KEYS],
    ["integration_type", meta.definitions.integration_type!, INTEGRATION_TYPE_KEYS],
    ["field", meta.definitions.field!, FIELD_KEYS],
    ["int_args", args, INT_ARGS_KEYS],
  ];
  test.each(cases)("%s", (_name, schema, keys) => {
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(Object.keys(keys).sort());
    expect([...(schema.required ?? [])].sort()).toEqual(Object.entries(keys).filter(([, k]) => k.required).map(([n]) => n).sort());
    for (const [name, spec] of Object.entries(keys)) {
      const property = resolve(schema.properties![name]!);
      expect([property.type].flat().sort(), name).toEqual([...KIND_TYPES[spec.kind]].sort());
    }
    expect(schema.additionalProperties).toBe(false);
  });
});

describe("every property documents itself with a description and valid examples", () => {
  const ajv = new Ajv({ strict: true, allErrors: true });
  ajv.addSchema(meta as object, "meta");
  ajv.addSchema(args as object, "args");
  const nodes: Array<[string, string, SchemaNode]> = [];
  const walk = (schemaId: string, pointer: string, node: SchemaNode) => {
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      nodes.push([schemaId, `${pointer}/properties/${name}`, property]);
      walk(schemaId, `${pointer}/properties/${name}`, property);
    }
  };
  walk("meta", "", meta);
  for (const [name, def] of Object.entries(meta.definitions)) walk("meta", `/definitions/${name}`, def);
  walk("args", "", args);

  test.each(nodes)("%s#%s", (schemaId, pointer, node) => {
    const target = node.$ref ? resolve(node) : node;
    expect(target.description, "description").toBeTruthy();
    expect(target.examples?.length, "examples").toBeGreaterThan(0);
    const validate = ajv.getSchema(`${schemaId}#${pointer}`)!;
    for (const example of target.examples ?? []) expect(validate(example), JSON.stringify(example)).toBe(true);
  });
});
