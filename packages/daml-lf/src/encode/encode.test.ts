import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import type { LfPackage } from "../ast/package.js";
import { E, T } from "../builder/lf.js";
import { PackageBuilder } from "../builder/package-builder.js";
import { decodeDalf, readArchive } from "../decode/decode-archive.js";
import { ArchivePayloadType, lfRoot, withDeepRecursion } from "../proto/root.js";
import { samplePackage } from "../testing/sample-package.js";
import { encodeDalf } from "./encode-module.js";

const TypeMessage = lfRoot.lookupType("daml_lf.Type");

/** Every Type message in a payload, split into those in `Package.interned_types` and those elsewhere. */
function typeMessages(bytes: Uint8Array) {
  const payload = withDeepRecursion(() => ArchivePayloadType.decode(readArchive(bytes, "t.dalf").payload)) as unknown as Record<string, unknown>;
  const outside: Record<string, unknown>[] = [];
  const table: Record<string, unknown>[] = [];
  const walk = (message: Record<string, unknown>, type: protobuf.Type, inTable: boolean) => {
    if (type === TypeMessage) (inTable ? table : outside).push(message);
    for (const field of type.fieldsArray) {
      const value = message[field.name];
      if (!(field.resolvedType instanceof protobuf.Type) || value == null) continue;
      const sub = field.resolvedType;
      for (const item of field.repeated ? (value as Record<string, unknown>[]) : [value as Record<string, unknown>]) walk(item, sub, inTable);
    }
  };
  const pkg = payload["damlLf1"] as Record<string, unknown>;
  const packageType = lfRoot.lookupType("daml_lf.Package");
  walk({ ...pkg, internedTypes: [] }, packageType, false);
  for (const entry of (pkg["internedTypes"] as Record<string, unknown>[] | undefined) ?? []) {
    // An entry's own node is in the table; its sub-types must again be references.
    for (const field of TypeMessage.fieldsArray) {
      const value = entry[field.name];
      if (field.resolvedType instanceof protobuf.Type && value != null) walk(value as Record<string, unknown>, field.resolvedType, false);
    }
    table.push(entry);
  }
  return { outside, table };
}

describe("encodeDalf", () => {
  it("interns every type from LF 1.11 on, each table entry referring only to earlier ones", () => {
    for (const minor of ["11", "12", "13", "14", "dev"]) {
      const pkg = samplePackage();
      const { bytes } = encodeDalf(pkg, minor);
      const { outside, table } = typeMessages(bytes);
      expect(outside.length).toBeGreaterThan(10);
      expect(outside.filter((t) => t["Sum"] !== "interned"), minor).toEqual([]);
      expect(table.length).toBeGreaterThan(5);
      // Entries are unique and only point backwards.
      expect(new Set(table.map((t) => JSON.stringify(t))).size).toBe(table.length);
      table.forEach((entry, i) => {
        for (const [, ref] of JSON.stringify(entry).matchAll(/"interned":(\d+)/g)) expect(Number(ref)).toBeLessThan(i);
      });
      expect(decodeDalf(bytes, "t.dalf").package).toEqual(pkg);
    }
  });

  it("writes types inline before LF 1.11", () => {
    const b = new PackageBuilder({ name: "p", version: "1.0.0", lfMinor: "8" });
    b.module("M").record("R", { a: T.list(T.optional(T.party)), b: T.numeric(10) });
    const { outside, table } = typeMessages(b.buildDalf().bytes);
    expect(table).toEqual([]);
    expect(outside.some((t) => t["Sum"] === "interned")).toBe(false);
  });

  it("refuses features the LF minor does not have, naming them", () => {
    const pkg = samplePackage();
    const noObservers: LfPackage = {
      ...pkg,
      modules: pkg.modules.map((m) => ({ ...m, templates: m.templates.map((t) => ({ ...t, choices: t.choices.map(({ observers: _, ...c }) => c) })) })),
    };
    expect(() => encodeDalf(pkg, "7")).toThrow(expect.objectContaining({ code: "build/invalid", message: expect.stringMatching(/LF 1\.7: package metadata .* needs LF 1\.8/) }));
    expect(() => encodeDalf(pkg, "8")).toThrow(/LF 1\.8: template Main:Iou choice Transfer: choice observers needs LF 1\.11/);
    expect(() => encodeDalf(noObservers, "11")).toThrow(/LF 1\.11: template Main:Iou choice Transfer has no observers/);
    const genMap = new PackageBuilder({ name: "p", version: "1.0.0", lfMinor: "8" });
    genMap.module("M").record("R", { m: T.genMap(T.text, T.int64) });
    expect(() => genMap.buildDalf()).toThrow(/LF 1\.8: module M: the GenMap type needs LF 1\.11/);
    expect(() => encodeDalf(pkg, "x")).toThrow(expect.objectContaining({ code: "build/invalid" }));
  });
});

describe("PackageBuilder across LF minors", () => {
  const build = (lfMinor: string) => {
    const b = new PackageBuilder({ name: "p", version: "1.0.0", lfMinor });
    b.module("M").template("T", { p: T.party }, { signatories: (t) => E.list(T.party, [t.field("p")]) });
    return b.buildDar();
  };

  it("leaves package metadata out at LF 1.7, which has none", () => {
    const built = build("7");
    expect(built.package.metadata).toBeUndefined();
    expect(decodeDalf(built.dalf.bytes, "p.dalf").package).toEqual(built.package);
  });

  it("gives every choice observers (the empty list) from LF 1.11 on, and none before", () => {
    const archive = (minor: string) => build(minor).package.modules[0]?.templates[0]?.choices[0];
    expect(archive("8")?.observers).toBeUndefined();
    expect(archive("11")?.observers).toEqual(E.list(T.party, []));
  });
});
