import { E, PackageBuilder, T } from "@dit/daml-lf";
import { describe, expect, test } from "vitest";
import { pythonJson } from "../python-json.js";
import { requestParties, singleRequestParty } from "./responses.js";
import { harness } from "./testing/harness.js";
import { matchesPayload, qualifyTemplateId, templateMatches } from "./templates.js";

const model = { main_package_id: "abc" };

describe("template ids (ensure_package_id)", () => {
  test("qualification table of spec §2.7", () => {
    expect(qualifyTemplateId(model, "*")).toBe("*");
    expect(qualifyTemplateId(model, "p:M.N:E")).toBe("p:M.N:E");
    expect(qualifyTemplateId(model, "p:*")).toBe("p:*");
    expect(qualifyTemplateId(model, "M.N:E")).toBe("abc:M.N:E");
    expect(() => qualifyTemplateId(null, "M:E")).toThrow("No default model known when ensuring package ID: M:E");
    expect(() => qualifyTemplateId(model, "nocolon")).toThrow(expect.objectContaining({ code: "template/invalid" }));
    expect(() => qualifyTemplateId(model, "*:E")).toThrow(expect.objectContaining({ code: "template/invalid" }));
    expect(templateMatches("p:*", "p:M:E")).toBe(true);
    expect(templateMatches("p:*", "q:M:E")).toBe(false);
  });

  test("match: predicate, partial object, null, nested object decides at once (dazl quirk)", () => {
    expect(matchesPayload((p: { n: string }) => p.n === "1", { n: "1" })).toBe(true);
    expect(matchesPayload({ n: "1", o: "A" } as never, { n: "1", o: "B" })).toBe(false);
    expect(matchesPayload({ o: null } as never, { o: null })).toBe(true);
    expect(matchesPayload({ o: (v: unknown) => v === 2 } as never, { o: 2 })).toBe(true);
    expect(matchesPayload({ inner: { a: 1 }, o: "X" } as never, { inner: { a: 1 }, o: "Y" })).toBe(true);
  });
});

describe("Python-compatible JSON and request parties", () => {
  test("separators, ASCII escaping, dates", () => {
    expect(pythonJson({ a: [1, 2.5, "ü"], b: null, d: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), n: 10n })).toBe(
      '{"a": [1, 2.5, "\\u00fc"], "b": null, "d": "2024-01-02T03:04:05Z", "n": "10"}');
  });
  test("parties in both actAs and readAs; more than one is an error", () => {
    const claims = { ledgerId: "x", actAs: ["A", "B"], readAs: ["B", "C"] };
    expect(requestParties({ claims })).toEqual(["B"]);
    expect(requestParties({ claims: undefined })).toEqual([]);
    expect(() => singleRequestParty({ claims: { ...claims, readAs: ["A", "B"] } })).toThrow("Only one ledger party expected in token");
  });
});

describe("`*` covers every template of every package the ledger knows", () => {
  test("packages are decoded to expand the stream's template ids", async () => {
    const b = new PackageBuilder({ name: "p", version: "1.0.0" });
    const m = b.module("Main");
    for (const name of ["A", "B"]) m.template(name, { p: T.party }, { signatories: (t) => E.list(T.party, [t.field("p")]) });
    const built = b.buildDar();
    const seen: string[] = [];
    const h = await harness((_env, events) => void events.ledger.contractCreated("*", (e) => void seen.push(e.templateId)));
    h.ledger.packages.set(built.packageId, built.dalf.bytes);
    h.ledger.packages.set("junk", new Uint8Array([1, 2, 3]));
    h.ledger.createContract(`${built.packageId}:Main:B`, { p: "A" });
    h.runtime.start();
    await h.settle();
    h.ledger.createContract(`${built.packageId}:Main:A`, { p: "A" });
    h.ledger.createContract("zzz:Other:C", { p: "A" });
    await h.settle();
    expect(seen).toEqual([`${built.packageId}:Main:B`, `${built.packageId}:Main:A`]);
  });
});
