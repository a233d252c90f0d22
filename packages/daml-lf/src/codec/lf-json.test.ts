import { describe, expect, it } from "vitest";
import type { LfPackage } from "../ast/package.js";
import type { LfType, PrimTypeName } from "../ast/types.js";
import { decodeLfJson, encodeLfJson, normalizeLfJson } from "./lf-json.js";
import { formatNumeric, parseNumeric } from "./numeric.js";
import { LfTypeIndex } from "./type-index.js";

const PKG = "a".repeat(64);
const tycon = (name: string) => ({ package: { kind: "imported" as const, packageId: PKG }, module: "M", name });
const con = (name: string, ...args: LfType[]): LfType => ({ kind: "con", tycon: tycon(name), args });
const p = (prim: PrimTypeName, ...args: LfType[]): LfType => ({ kind: "prim", prim, args });
const numeric = (scale: number): LfType => p("Numeric", { kind: "nat", value: scale });
const tv = (name: string): LfType => ({ kind: "var", name, args: [] });
const star = { kind: "star" } as const;

const pkg: LfPackage = {
  metadata: { name: "codec", version: "1.0.0" },
  modules: [
    {
      name: "M",
      flags: { forbidPartyLiterals: true, dontDivulgeContractIdsInCreateArguments: true, dontDiscloseNonConsumingChoicesToObservers: true },
      synonyms: [{ name: "Amount", params: [], type: numeric(10) }],
      dataTypes: [
        {
          name: "Iou",
          params: [],
          serializable: true,
          cons: {
            kind: "record",
            fields: [
              { name: "owner", type: p("Party") },
              { name: "amount", type: numeric(10) },
              { name: "note", type: p("Optional", p("Text")) },
            ],
          },
        },
        { name: "Pair", params: [{ name: "a", kind: star }, { name: "b", kind: star }], serializable: true, cons: { kind: "record", fields: [{ name: "fst", type: tv("a") }, { name: "snd", type: tv("b") }] } },
        { name: "Color", params: [], serializable: true, cons: { kind: "enum", constructors: ["Red", "Green"] } },
        {
          name: "Shape",
          params: [{ name: "t", kind: star }],
          serializable: true,
          cons: { kind: "variant", constructors: [{ name: "Circle", type: con("Shape.Circle") }, { name: "Dot", type: p("Unit") }, { name: "Tagged", type: tv("t") }] },
        },
        { name: "Shape.Circle", params: [], serializable: true, cons: { kind: "record", fields: [{ name: "radius", type: p("Int64") }] } },
      ],
      values: [],
      templates: [],
      exceptions: [],
      interfaces: [],
    },
  ],
};
const types = new LfTypeIndex([{ packageId: PKG, package: pkg }]);
const roundTrip = (json: unknown, type: LfType) => normalizeLfJson(json, type, types, { path: "payload" });
const rejects = (json: unknown, type: LfType) => expect(() => decodeLfJson(json, type, types, { path: "payload" }));

describe("LF-JSON codec: primitive rows", () => {
  it("Unit and Bool", () => {
    expect(roundTrip({ anything: 1 }, p("Unit"))).toEqual({});
    rejects(null, p("Unit")).toThrow("payload: expected Unit, got null");
    expect(roundTrip(true, p("Bool"))).toBe(true);
    rejects("true", p("Bool")).toThrow(/expected Bool/);
  });

  it("Int64: string out, string or safe integer in, range checked", () => {
    expect(roundTrip(42, p("Int64"))).toBe("42");
    expect(roundTrip("+7", p("Int64"))).toBe("7");
    expect(roundTrip("-9223372036854775808", p("Int64"))).toBe("-9223372036854775808");
    rejects("9223372036854775808", p("Int64")).toThrow(expect.objectContaining({ code: "json/out-of-range" }));
    rejects(1.5, p("Int64")).toThrow(/expected Int64, got 1.5/);
    rejects(2 ** 60, p("Int64")).toThrow(/expected Int64/);
    rejects("1e3", p("Int64")).toThrow(/expected Int64/);
  });

  it("Numeric: JSON API formatting, banker's rounding to scale, range", () => {
    expect(roundTrip("999.99", numeric(10))).toBe("999.99");
    expect(roundTrip(42, numeric(10))).toBe("42.0");
    expect(roundTrip("1.50", numeric(10))).toBe("1.5");
    expect(roundTrip("-0.000", numeric(10))).toBe("0.0");
    expect(roundTrip("1e3", numeric(10))).toBe("1000.0");
    expect(roundTrip("1.5E-2", numeric(10))).toBe("0.015");
    expect(roundTrip("0.25", numeric(1))).toBe("0.2");
    expect(roundTrip("0.35", numeric(1))).toBe("0.4");
    expect(roundTrip("-0.25", numeric(1))).toBe("-0.2");
    expect(roundTrip("2.5", numeric(0))).toBe("2.0");
    expect(roundTrip("3.5", numeric(0))).toBe("4.0");
    expect(roundTrip("0.00000000005", numeric(10))).toBe("0.0");
    expect(roundTrip("0.00000000015", numeric(10))).toBe("0.0000000002");
    expect(roundTrip("9".repeat(28), numeric(10))).toBe(`${"9".repeat(28)}.0`);
    rejects("1" + "0".repeat(28), numeric(10)).toThrow(expect.objectContaining({ code: "json/out-of-range" }));
    expect(roundTrip("9".repeat(38), numeric(0))).toBe(`${"9".repeat(38)}.0`);
    rejects("abc", numeric(10)).toThrow('payload: expected Numeric 10, got "abc"');
    rejects("01.5", numeric(10)).toThrow(/expected Numeric 10/);
    rejects(".5", numeric(10)).toThrow(/expected Numeric 10/);
    expect(roundTrip("3.14", p("Decimal"))).toBe("3.14");
    expect(formatNumeric(parseNumeric("-12.3400", 4)!)).toBe("-12.34");
  });

  it("Text, Party, ContractId", () => {
    expect(roundTrip("héllo", p("Text"))).toBe("héllo");
    expect(roundTrip("Alice::1220ab", p("Party"))).toBe("Alice::1220ab");
    expect(roundTrip("#1:0", p("ContractId", con("Iou")))).toBe("#1:0");
    rejects(5, p("Party")).toThrow("payload: expected Party, got 5");
  });

  it("Date within 0001-01-01..9999-12-31", () => {
    expect(roundTrip("2024-02-29", p("Date"))).toBe("2024-02-29");
    expect(roundTrip("0001-01-01", p("Date"))).toBe("0001-01-01");
    expect(roundTrip("9999-12-31", p("Date"))).toBe("9999-12-31");
    rejects("2023-02-29", p("Date")).toThrow(/expected Date/);
    rejects("0000-12-31", p("Date")).toThrow(/expected Date/);
    rejects("2024-1-01", p("Date")).toThrow(/expected Date/);
  });

  it("Timestamp: Z only, truncated to µs, 0/3/6 fraction digits out", () => {
    expect(roundTrip("2020-01-02T03:04:05Z", p("Timestamp"))).toBe("2020-01-02T03:04:05Z");
    expect(roundTrip("2020-01-02T03:04:05.1Z", p("Timestamp"))).toBe("2020-01-02T03:04:05.100Z");
    expect(roundTrip("2020-01-02T03:04:05.123456789Z", p("Timestamp"))).toBe("2020-01-02T03:04:05.123456Z");
    expect(roundTrip("2020-01-02T03:04:05.000001Z", p("Timestamp"))).toBe("2020-01-02T03:04:05.000001Z");
    expect(roundTrip("1969-12-31T23:59:59.999999Z", p("Timestamp"))).toBe("1969-12-31T23:59:59.999999Z");
    expect(roundTrip("0001-01-01T00:00:00Z", p("Timestamp"))).toBe("0001-01-01T00:00:00Z");
    expect(roundTrip("9999-12-31T23:59:59.999999Z", p("Timestamp"))).toBe("9999-12-31T23:59:59.999999Z");
    rejects("2020-01-02T03:04:05+01:00", p("Timestamp")).toThrow(/expected Timestamp/);
    rejects("2020-01-02T03:04:05", p("Timestamp")).toThrow(/expected Timestamp/);
    const v = decodeLfJson("1970-01-01T00:00:01.5Z", p("Timestamp"), types);
    expect(v).toEqual({ kind: "timestamp", micros: 1_500_000n });
  });
});

describe("LF-JSON codec: containers", () => {
  it("List and TextMap, with paths in errors", () => {
    expect(roundTrip([1, "2"], p("List", p("Int64")))).toEqual(["1", "2"]);
    rejects([1, "x"], p("List", p("Int64"))).toThrow('payload[1]: expected Int64, got "x"');
    expect(roundTrip({ a: 1, "b c": 2 }, p("TextMap", p("Int64")))).toEqual({ a: "1", "b c": "2" });
    rejects({ "b c": "x" }, p("TextMap", p("Int64"))).toThrow('payload["b c"]: expected Int64');
    rejects([], p("TextMap", p("Int64"))).toThrow(/expected TextMap Int64/);
  });

  it("GenMap as pairs, no duplicate keys (compared by canonical form)", () => {
    const t = p("GenMap", p("Int64"), p("Text"));
    expect(roundTrip([[1, "a"], ["2", "b"]], t)).toEqual([["1", "a"], ["2", "b"]]);
    rejects([[1, "a"], ["1", "b"]], t).toThrow(expect.objectContaining({ code: "json/duplicate-key", valuePath: "payload[1]" }));
    rejects([[1]], t).toThrow(/expected a \[key, value\] pair/);
  });

  it("Optional: null / x, and [] / [x] when nested", () => {
    const o = p("Optional", p("Int64"));
    const oo = p("Optional", o);
    const ooo = p("Optional", oo);
    expect(roundTrip(null, o)).toBeNull();
    expect(roundTrip(undefined, o)).toBeNull();
    expect(roundTrip(5, o)).toBe("5");
    expect(roundTrip(null, oo)).toBeNull();
    expect(roundTrip([], oo)).toEqual([]);
    expect(roundTrip([5], oo)).toEqual(["5"]);
    expect(roundTrip([[]], ooo)).toEqual([[]]);
    expect(roundTrip([[5]], ooo)).toEqual([["5"]]);
    expect(decodeLfJson([], oo, types)).toEqual({ kind: "optional", value: { kind: "optional", value: undefined } });
    rejects(5, oo).toThrow(/nested in Optional as \[\] or \[value\]/);
    rejects([1, 2], oo).toThrow(/nested in Optional/);
  });
});

describe("LF-JSON codec: user-defined types", () => {
  it("records: object with all fields out, object or array in, omitted Optional = None", () => {
    expect(roundTrip({ owner: "A", amount: "1.0" }, con("Iou"))).toEqual({ owner: "A", amount: "1.0", note: null });
    expect(roundTrip(["A", 2, "hi"], con("Iou"))).toEqual({ owner: "A", amount: "2.0", note: "hi" });
    rejects({ owner: "A", amount: "abc" }, con("Iou")).toThrow('payload.amount: expected Numeric 10, got "abc"');
    rejects({ owner: "A" }, con("Iou")).toThrow(expect.objectContaining({ code: "json/missing-field", message: "payload.amount: missing field of type Numeric 10" }));
    rejects({ owner: "A", amount: 1, extra: 1 }, con("Iou")).toThrow(expect.objectContaining({ code: "json/unknown-field" }));
    rejects(["A", 2], con("Iou")).toThrow(/array of 3 fields/);
  });

  it("type constructors with type arguments, and synonyms", () => {
    const pair = con("Pair", p("Int64"), p("Optional", p("Text")));
    expect(roundTrip({ fst: 1 }, pair)).toEqual({ fst: "1", snd: null });
    expect(roundTrip({ fst: 1, snd: "x" }, pair)).toEqual({ fst: "1", snd: "x" });
    const amount: LfType = { kind: "syn", tysyn: tycon("Amount"), args: [] };
    expect(roundTrip("5", amount)).toBe("5.0");
  });

  it("variants {tag, value} and enums", () => {
    const shape = con("Shape", p("Text"));
    expect(roundTrip({ tag: "Circle", value: { radius: 3 } }, shape)).toEqual({ tag: "Circle", value: { radius: "3" } });
    expect(roundTrip({ tag: "Dot", value: {} }, shape)).toEqual({ tag: "Dot", value: {} });
    expect(roundTrip({ tag: "Dot" }, shape)).toEqual({ tag: "Dot", value: {} });
    expect(roundTrip({ tag: "Tagged", value: "t" }, shape)).toEqual({ tag: "Tagged", value: "t" });
    rejects({ tag: "Square", value: {} }, shape).toThrow(/payload.tag: M:Shape Text has no constructor "Square"/);
    rejects({ tag: "Circle", value: { radius: "x" } }, shape).toThrow('payload.value.radius: expected Int64, got "x"');
    expect(roundTrip("Green", con("Color"))).toBe("Green");
    rejects("Blue", con("Color")).toThrow(/expected one of "Red", "Green"/);
  });

  it("encodes typed values and refuses ill-typed ones", () => {
    expect(encodeLfJson({ kind: "numeric", scale: 10, unscaled: 15_000_000_000n }, numeric(10), types)).toBe("1.5");
    expect(() => encodeLfJson({ kind: "text", value: "x" }, p("Int64"), types)).toThrow(/does not have type Int64/);
    expect(() => normalizeLfJson(1, con("Missing"), types)).toThrow(expect.objectContaining({ code: "lf/unknown-reference" }));
  });
});
