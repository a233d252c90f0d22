import { expect, test } from "vitest";
import { normalizeMetadata } from "./normalize.js";
import type { IntegrationTypeInfo } from "./types.js";

const type = (id: string): IntegrationTypeInfo => ({ id, name: id, description: id, entrypoint: "m:f", fields: [] });

test("short_description defaults to name; experimental becomes a bool", () => {
  const out = normalizeMetadata({ catalog: { name: "DABL Chess", version: "1.0.0", description: "d" } });
  expect(out.catalog).toMatchObject({ short_description: "DABL Chess", experimental: false, tags: [] });
});

test("the experimental tag and flag imply each other", () => {
  expect(normalizeMetadata({ catalog: { name: "a", version: "1.0.0", description: "d", tags: ["experimental"] } }).catalog?.experimental).toBe(true);
  expect(normalizeMetadata({ catalog: { name: "a", version: "1.0.0", description: "d", experimental: true } }).catalog?.tags).toEqual(["experimental"]);
});

test("deprecated integrations are appended after integration_types", () => {
  const out = normalizeMetadata({ integration_types: [type("a")], integrations: [type("b")] });
  expect(out.integration_types?.map((t) => t.id)).toEqual(["a", "b"]);
  expect(out.integrations).toBeNull();
});

test("does not modify its input", () => {
  const input = { catalog: { name: "a", version: "1.0.0", description: "d", tags: ["experimental"] } };
  const copy = structuredClone(input);
  normalizeMetadata(input);
  expect(input).toEqual(copy);
});
