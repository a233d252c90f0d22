import { expect, test } from "vitest";
import { pythonJson } from "./python-json.js";

test("Python separators, nesting and empty containers", () => {
  expect(pythonJson({ a: 1, b: [true, null, "x"], c: {}, d: [] })).toBe('{"a": 1, "b": [true, null, "x"], "c": {}, "d": []}');
});

test("non-ASCII and control characters as Python's ensure_ascii writes them", () => {
  expect(pythonJson("héllo")).toBe('"h\\u00e9llo"');
  expect(pythonJson("😀")).toBe('"\\ud83d\\ude00"');
  expect(pythonJson('q"b\\s\n\t\r\b\f\u0001\u007f')).toBe('"q\\"b\\\\s\\n\\t\\r\\b\\f\\u0001\\u007f"');
});

test("undefined members are left out and dates follow dazl", () => {
  expect(pythonJson({ a: undefined, b: new Date(Date.UTC(2024, 4, 1, 12)), c: new Date(Date.UTC(2024, 4, 1, 12, 0, 0, 5)) }))
    .toBe('{"b": "2024-05-01T12:00:00Z", "c": "2024-05-01T12:00:00.005000Z"}');
});

test("bigints as strings, maps as objects, toJSON honoured, non-finite numbers as null", () => {
  expect(pythonJson({ a: [1, 2.5, "ü"], n: 10n, m: new Map([["k", 1]]), t: { toJSON: () => "x" }, f: NaN }))
    .toBe('{"a": [1, 2.5, "\\u00fc"], "n": "10", "m": {"k": 1}, "t": "x", "f": null}');
});

test("a circular structure is an error, a shared one is not", () => {
  const shared = { x: 1 };
  expect(pythonJson([shared, shared])).toBe('[{"x": 1}, {"x": 1}]');
  const loop: Record<string, unknown> = {};
  loop.self = loop;
  expect(() => pythonJson(loop)).toThrow("Circular reference detected");
});
