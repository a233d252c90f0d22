import { describe, expect, test } from "vitest";
import { decodeLfJson, E, LfTypeIndex, normalizeLfJson, PackageBuilder, T, templatePayloadType } from "@dit/daml-lf";
import { apiRecordToJson, apiValueToJson, lfRecordToApi } from "./values.js";

// A record with every kind of field, round-tripped JSON → LfValue → Ledger API Record → JSON.
const b = new PackageBuilder({ name: "values", version: "1.0.0", lfMinor: "12" });
const m = b.module("V");
const color = m.enum("Color", ["Red", "Green"]);
const shape = m.variant("Shape", { Circle: T.numeric(10), Dot: T.unit });
m.template("All", {
  p: T.party, i: T.int64, n: T.numeric(10), t: T.text, d: T.date, ts: T.timestamp, b: T.bool, u: T.unit,
  l: T.list(T.int64), o: T.optional(T.text), oo: T.optional(T.optional(T.int64)), tm: T.textMap(T.int64),
  gm: T.genMap(T.int64, T.text), c: color, s: shape,
}, { signatories: (t) => E.list(T.party, [t.field("p")]) });
const built = b.buildDar();
const types = new LfTypeIndex([{ packageId: built.packageId, package: built.package }]);
const type = templatePayloadType({ package: { kind: "imported", packageId: built.packageId }, module: "V", name: "All" });

describe("Ledger API values ↔ LF-JSON", () => {
  test("a record of every kind survives JSON → Ledger API → JSON in the JSON API's output form", () => {
    const input = {
      p: "Alice", i: 42, n: "1.50", t: "x", d: "2024-02-29", ts: "2024-01-01T00:00:00.5Z", b: true, u: {},
      l: ["1", 2], o: null, oo: ["7"], tm: { a: "1" }, gm: [["1", "one"]], c: "Green", s: { tag: "Circle", value: "2" },
    };
    const api = lfRecordToApi(decodeLfJson(input, type, types));
    expect(normalizeLfJson(apiRecordToJson(api), type, types)).toEqual(normalizeLfJson(input, type, types));
    expect(normalizeLfJson(apiRecordToJson(api), type, types)).toMatchObject({ i: "42", n: "1.5", oo: ["7"], ts: "2024-01-01T00:00:00.500Z" });
  });

  test("nested optionals: Some None is [], Some (Some x) is [x]", () => {
    expect(apiValueToJson({ optional: { value: { optional: {} } } })).toEqual([]);
    expect(apiValueToJson({ optional: { value: { optional: { value: { int64: "3" } } } } })).toEqual(["3"]);
    expect(apiValueToJson({ optional: {} })).toBeNull();
  });

  test("an unknown value kind is an error, not a silent null", () => {
    expect(() => apiValueToJson({ mystery: 1 })).toThrow(/unsupported Ledger API value/);
  });
});
