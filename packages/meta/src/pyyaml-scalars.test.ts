// The typing of plain scalars must match PyYAML's safe_load, which the original tooling uses. The table was
// observed from PyYAML 6.0.3 (`yaml.safe_load("v: " + text)`); both of our parsers must give the same.
import { expect, test } from "vitest";
import { fastParse } from "./fast-parse.js";
import { YamlDate } from "./pyyaml-scalars.js";
import { YamlSource } from "./yaml-source.js";

const PYYAML: Array<[string, string, unknown]> = [
  ["y", "str", "y"], ["n", "str", "n"], ["yes", "bool", true], ["No", "bool", false], ["ON", "bool", true],
  ["off", "bool", false], ["true", "bool", true], ["1e3", "str", "1e3"], ["1.0e+3", "float", 1000],
  ["1.0e3", "str", "1.0e3"], [".5", "float", 0.5], ["1.5", "float", 1.5], ["1_000", "int", 1000], ["017", "int", 15],
  ["09", "str", "09"], ["0x1F", "int", 31], ["0b101", "int", 5], ["1:30", "int", 90], ["1:30.5", "float", 90.5],
  ["-1", "int", -1], [".inf", "float", Infinity], ["-.inf", "float", -Infinity], ["~", "null", null], ["null", "null", null],
  ["", "null", null], ["2020-01-01", "date", "2020-01-01"], ["2020-1-1", "str", "2020-1-1"],
  ["2020-01-01T10:00:00Z", "datetime", "2020-01-01T10:00:00.000Z"], ["2020-1-1 10:00:00", "datetime", "2020-01-01T10:00:00.000Z"],
  ["2020-01-01 10:00:00 +02:00", "datetime", "2020-01-01T08:00:00.000Z"], ["+1", "int", 1], ["+0.5", "float", 0.5],
  ["0", "int", 0], ["00", "int", 0], ["1.", "float", 1], ["'yes'", "str", "yes"], ['"1.0"', "str", "1.0"],
];

test.each(PYYAML)("%j is a PyYAML %s", (text, kind, expected) => {
  const fast = fastParse(`v: ${text}\n`);
  const slow = YamlSource.parse(`v: ${text}\n`, undefined);
  expect(slow.diagnostics).toEqual([]);
  for (const [value, dates] of [[fast?.value, fast?.dates], [slow.value, slow.dates]] as const) {
    expect((value as { v: unknown }).v).toEqual(expected);
    expect(dates?.has("/v")).toBe(kind === "date" || kind === "datetime");
  }
});

test("NaN survives both parsers", () => {
  expect(Number.isNaN((fastParse("v: .nan")?.value as { v: number }).v)).toBe(true);
  expect(Number.isNaN((YamlSource.parse("v: .NaN", undefined).value as { v: number }).v)).toBe(true);
});

test("impossible dates are kept and marked invalid", () => {
  expect(new YamlDate("2021-02-30").valid).toBe(false);
  expect(new YamlDate("2024-02-29").valid).toBe(true);
  expect(new YamlDate("2023-02-29").valid).toBe(false);
});

test("the fast parser steps aside for aliased collections, duplicate keys and syntax errors", () => {
  expect(fastParse("a: &x [1]\nb: *x\n")).toBeUndefined();
  expect(fastParse("a: 1\na: 2\n")).toBeUndefined();
  expect(fastParse("a: b: c\n")).toBeUndefined();
  expect(fastParse("a: &x 1\nb: *x\n")?.value).toEqual({ a: 1, b: 1 });
});

test("explicit tags as the original tooling writes them", () => {
  const text = 'a: !!null "null"\nb: !!bool "false"\nc: !!timestamp "2024-01-02"\nd: !!str 1.0\n';
  const expected = { a: null, b: false, c: "2024-01-02", d: "1.0" };
  expect(fastParse(text)?.value).toEqual(expected);
  expect(YamlSource.parse(text, undefined).value).toEqual(expected);
});
