import { expect, test } from "vitest";
import { pyJson } from "./py-json.js";

test("Python separators, nesting and empty containers", () => {
  expect(pyJson({ a: 1, b: [true, null, "x"], c: {}, d: [] })).toBe('{"a": 1, "b": [true, null, "x"], "c": {}, "d": []}');
});

test("non-ASCII and control characters as Python's ensure_ascii writes them", () => {
  expect(pyJson("héllo")).toBe('"h\\u00e9llo"');
  expect(pyJson("😀")).toBe('"\\ud83d\\ude00"');
  expect(pyJson('q"b\\s\n\t\r\b\f\u0001\u007f')).toBe('"q\\"b\\\\s\\n\\t\\r\\b\\f\\u0001\\u007f"');
});

test("undefined members are left out and dates follow dazl", () => {
  expect(pyJson({ a: undefined, b: new Date(Date.UTC(2024, 4, 1, 12)), c: new Date(Date.UTC(2024, 4, 1, 12, 0, 0, 5)) }))
    .toBe('{"b": "2024-05-01T12:00:00Z", "c": "2024-05-01T12:00:00.005000Z"}');
});
