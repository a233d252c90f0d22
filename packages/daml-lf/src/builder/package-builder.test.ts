import { describe, expect, it } from "vitest";
import { LfTypeIndex } from "../codec/type-index.js";
import { normalizeLfJson, templatePayloadType } from "../codec/lf-json.js";
import { darInfo, readDar } from "../dar/read-dar.js";
import { findTemplate, summarizeDar } from "../summary/summary.js";
import { E, T } from "./lf.js";
import { PackageBuilder } from "./package-builder.js";

function assetPackage(lfMinor = "14") {
  const b = new PackageBuilder({ name: "dit-assets", version: "1.2.3", lfMinor, sdkVersion: "2.10.4" });
  const m = b.module("Dit.Assets");
  const color = m.enum("Color", ["Red", "Blue"]);
  const asset = m.template(
    "Asset",
    { issuer: T.party, owner: T.party, name: T.text, amount: T.numeric(10), color: T.optional(color) },
    {
      signatories: (t) => E.list(T.party, [t.field("issuer")]),
      observers: (t) => E.list(T.party, [t.field("owner")]),
      key: { type: T.party, body: (t) => t.field("issuer"), maintainers: (k) => E.list(T.party, [k]) },
      choices: [
        {
          name: "Give",
          argument: { newOwner: T.party },
          returnType: T.contractId(m.type("Asset")),
          controllers: (c) => E.list(T.party, [c.field("owner")]),
          update: (c) => E.create(c.ref, E.withField(c.type, c.self, "owner", c.argField("newOwner"))),
        },
        {
          name: "Peek",
          consuming: false,
          argument: {},
          returnType: T.text,
          controllers: (c) => E.list(T.party, [c.field("owner")]),
          observers: () => E.list(T.party, []),
          update: (c) => E.pure(T.text, c.field("name")),
        },
      ],
    },
  );
  m.value("answer", T.int64, E.int64(42));
  return { builder: b, asset };
}

describe("PackageBuilder", () => {
  it("builds a DAR that decodes to the same package, with a verified id and metadata", () => {
    const { builder } = assetPackage();
    const built = builder.buildDar();
    const dar = readDar(built.dar, { fileName: "assets.dar" });
    expect(dar.main.packageId).toBe(built.packageId);
    expect(dar.main.package).toEqual(built.package);
    expect(darInfo(dar)).toMatchObject({ name: "dit-assets", version: "1.2.3", sdkVersion: "2.10.4", lfVersion: { major: 1, minor: "14" } });
    expect(builder.buildDar().dar).toEqual(built.dar);
  });

  it("summarises templates with fields, choices (Archive included) and key", () => {
    const built = assetPackage().builder.buildDar();
    const summary = summarizeDar(readDar(built.dar));
    const asset = findTemplate(summary, "Dit.Assets:Asset");
    expect(asset.templateId).toBe(`${built.packageId}:Dit.Assets:Asset`);
    expect(asset.fields.map((f) => f.name)).toEqual(["issuer", "owner", "name", "amount", "color"]);
    expect(asset.choices.map((c) => [c.name, c.consuming])).toEqual([["Give", true], ["Peek", false], ["Archive", true]]);
    expect(asset.keyType).toEqual(T.party);
    expect(findTemplate(summary, `${built.packageId}:Dit.Assets:Asset`)).toBe(asset);
    expect(() => findTemplate(summary, "Dit.Assets:Nope")).toThrow(expect.objectContaining({ code: "lookup/not-found" }));
    const other = summarizeDar(readDar(assetPackage("11").builder.buildDar().dar)).main;
    expect(() => findTemplate([summary.main, other], "Dit.Assets:Asset")).toThrow(expect.objectContaining({ code: "lookup/ambiguous" }));
  });

  it("drives the LF-JSON codec from the decoded DAR", () => {
    const dar = readDar(assetPackage().builder.buildDar().dar);
    const types = new LfTypeIndex(dar.packages.values());
    const id = { package: { kind: "imported" as const, packageId: dar.main.packageId }, module: "Dit.Assets", name: "Asset" };
    const payload = { issuer: "Alice", owner: "Bob", name: "gold", amount: 10, color: "Blue" };
    expect(normalizeLfJson(payload, templatePayloadType(id), types, { path: "payload" })).toEqual({ ...payload, amount: "10.0" });
    expect(() => normalizeLfJson({ ...payload, amount: "abc" }, templatePayloadType(id), types, { path: "payload" })).toThrow(
      'payload.amount: expected Numeric 10, got "abc"',
    );
  });

  it("refuses to encode pre-interning LF versions", () => {
    expect(() => assetPackage("6").builder.buildDalf()).toThrow(expect.objectContaining({ code: "build/invalid" }));
  });
});
