import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { expect, test } from "vitest";
import { generateIntArgs, integrationTypesOf } from "./genargs.js";
import { validateIntArgsText } from "./int-args.js";
import { validateMetadataText } from "./metadata.js";

const fixture = fileURLToPath(new URL("../../../fixtures/meta/valid/integration-types.yaml", import.meta.url));
const metadata = validateMetadataText(readFileSync(fixture, "utf8")).metadata!;

test.each(integrationTypesOf(metadata).map((t) => [t.id, t] as const))("%s: generated file is valid YAML and judged by the same rules", (_id, type) => {
  const text = generateIntArgs(type);
  const parsed = parse(text, { version: "1.1" }) as { type_id: string; metadata: Record<string, string> };
  expect(parsed.type_id).toBe(type.id);
  expect(Object.keys(parsed.metadata)).toEqual(type.fields.map((f) => f.id));
  for (const field of type.fields) expect(parsed.metadata[field.id]).toBe(field.default_value ?? "");

  const fresh = validateIntArgsText(text, metadata);
  const unfilled = type.fields.filter((f) => f.required !== false && !f.default_value).map((f) => f.id);
  expect(fresh.diagnostics.map((d) => d.rule)).toEqual(unfilled.map(() => "args/missing-required"));

  // Filling every required field makes the file pass.
  const filled = Object.fromEntries(unfilled.map((id) => [id, /interval/i.test(id) ? "30" : "Main:Iou"]));
  const edited = text.replace(/^ {2}(\w+): ""$/gm, (line, id: string) => (filled[id] ? `  ${id}: "${filled[id]}"` : line));
  const result = validateIntArgsText(edited, metadata);
  expect(result.diagnostics).toEqual([]);
  expect(result.ok).toBe(true);
});

test("comments name each field, its type and whether it is required", () => {
  const timer = integrationTypesOf(metadata).find((t) => t.id === "timer")!;
  const text = generateIntArgs(timer);
  expect(text).toContain("  # Interval (integer; required): Seconds between runs.\n  interval: \"\"\n");
  expect(text).toContain("  # Batch Size (integer; optional): Commands per batch.\n  batchSize: \"1\"\n");
  const loopback = integrationTypesOf(metadata).find((t) => t.id === "loopback")!;
  expect(generateIntArgs(loopback)).toContain('(one of "Create And Execute", "Trigger Contract"; required)');
});

test("a type without fields gets an explicit empty mapping", () => {
  const slack = integrationTypesOf(metadata).find((t) => t.id === "slack_messaging")!;
  expect(validateIntArgsText(generateIntArgs(slack), metadata).ok).toBe(true);
});
