import { describe, expect, test } from "vitest";
import { coerceFieldValue, parseFieldType } from "./field-type.js";

describe("parseFieldType", () => {
  test.each(["text", "number", "integer", "party", "contract_template", "clob"])("%s", (kind) => {
    expect(parseFieldType(kind)).toEqual({ ok: true, type: { kind } });
  });
  test("trims folded scalars", () => {
    expect(parseFieldType('  enum:["A","B"]\n')).toEqual({ ok: true, type: { kind: "enum", values: ["A", "B"] } });
  });
  test("contract_choice carries its template field", () => {
    expect(parseFieldType('contract_choice:{"templateNameField": "t"}')).toEqual({
      ok: true, type: { kind: "contract_choice", templateNameField: "t" },
    });
  });
  test("only the first colon separates the JSON", () => {
    expect(parseFieldType('enum:["a:b","c"]')).toEqual({ ok: true, type: { kind: "enum", values: ["a:b", "c"] } });
  });
  test("unknown types are kept, to be rendered as text", () => {
    expect(parseFieldType("password")).toEqual({ ok: true, type: { kind: "unknown", raw: "password" } });
  });
  test.each([
    ["enum:", 'enum is missing its JSON argument after the colon; write enum:["A", "B"]'],
    ['enum:["A", 1]', 'enum needs a non-empty JSON list of strings: enum:["A", "B"]'],
    ["contract_choice:[]", 'contract_choice needs a JSON object: contract_choice:{"templateNameField": "<fieldId>"}'],
  ])("%s is rejected", (raw, message) => {
    expect(parseFieldType(raw)).toEqual({ ok: false, message });
  });
});

describe("coerceFieldValue", () => {
  test("integers become safe integers", () => {
    expect(coerceFieldValue({ kind: "integer" }, "-42")).toEqual({ ok: true, value: -42 });
    expect(coerceFieldValue({ kind: "integer" }, "9007199254740993")).toEqual({
      ok: false, message: 'integer "9007199254740993" is outside the safe range ±(2^53-1)',
    });
    expect(coerceFieldValue({ kind: "integer" }, "1.5").ok).toBe(false);
    expect(coerceFieldValue({ kind: "integer" }, "").ok).toBe(false);
  });
  test("numbers stay exact: long decimals are kept as strings", () => {
    expect(coerceFieldValue({ kind: "number" }, "0.25")).toEqual({ ok: true, value: 0.25 });
    expect(coerceFieldValue({ kind: "number" }, "1e3")).toEqual({ ok: true, value: 1000 });
    expect(coerceFieldValue({ kind: "number" }, "12345678901234567.25")).toEqual({ ok: true, value: "12345678901234567.25" });
    expect(coerceFieldValue({ kind: "number" }, "0.000000000000000001")).toEqual({ ok: true, value: 1e-18 });
    expect(coerceFieldValue({ kind: "number" }, "1,5").ok).toBe(false);
  });
  test("enum values must be members", () => {
    const type = { kind: "enum" as const, values: ["Excel", "Unix"] };
    expect(coerceFieldValue(type, "Unix")).toEqual({ ok: true, value: "Unix" });
    expect(coerceFieldValue(type, "unix")).toEqual({ ok: false, message: '"unix" is not one of "Excel", "Unix"' });
  });
  test("text-like values pass through", () => {
    for (const kind of ["text", "party", "clob", "contract_template"] as const) {
      expect(coerceFieldValue({ kind }, "Alice::1220")).toEqual({ ok: true, value: "Alice::1220" });
    }
  });
});
