// Query, fetch and LF-JSON output through @daml/ledger 2.10.4 against @dit/json-api on the real sandbox: the query
// language (ledger-protocol.md §1.7), fetch by id and by key, and the server's output normalisation.
import { afterAll, beforeAll, expect, test } from "vitest";
import { describeRealLedger } from "../../../scripts/testing/real-ledger.js";
import { setUp, thing, token, type DamlLedger, type Fixture } from "./support.js";

let f: Fixture;
let alice: string;
let ledger: DamlLedger;
const names = (cs: Array<{ payload: Record<string, unknown> }>) => cs.map((c) => c.payload.name).sort();

beforeAll(async () => {
  f = await setUp();
  alice = await f.party("alice");
  ledger = f.ledger([alice]);
  const rows: Array<[string, Record<string, unknown>]> = [
    ["t1", { count: 1, amount: "1.5", day: "2024-01-01", at: "2024-01-01T00:00:00Z", inner: { label: "x", level: 1 }, color: "Red" }],
    ["t2", { count: "2", amount: 2, day: "2024-06-15", at: "2024-06-15T12:00:00.5Z", inner: { label: "y", level: "2" }, color: "Green" }],
    ["t3", { count: 30, amount: "30.25", day: "2025-01-01", at: "2025-01-01T00:00:00.000001Z", inner: { label: "x", level: 3 }, shape: { tag: "Square", value: 4 } }],
  ];
  for (const [name, fields] of rows) await ledger.create(f.t.Thing, thing(alice, { name, ...fields }));
}, 300_000);
afterAll(async () => f?.api.close());

describeRealLedger("@dit/json-api queries on the real ledger", () => {
  test("equality on fields, nested records, enums and variants", async () => {
    expect(names(await ledger.query(f.t.Thing))).toEqual(["t1", "t2", "t3"]);
    expect(names(await ledger.query(f.t.Thing, { name: "t2" }))).toEqual(["t2"]);
    expect(names(await ledger.query(f.t.Thing, { count: 30 }))).toEqual(["t3"]);
    expect(names(await ledger.query(f.t.Thing, { count: "30" }))).toEqual(["t3"]);
    expect(names(await ledger.query(f.t.Thing, { amount: "1.50" }))).toEqual(["t1"]);
    expect(names(await ledger.query(f.t.Thing, { inner: { label: "x" } }))).toEqual(["t1", "t3"]);
    expect(names(await ledger.query(f.t.Thing, { inner: { label: "x", level: 3 } }))).toEqual(["t3"]);
    expect(names(await ledger.query(f.t.Thing, { color: "Red" }))).toEqual(["t1"]);
    expect(names(await ledger.query(f.t.Thing, { shape: { tag: "Square", value: "4" } }))).toEqual(["t3"]);
    expect(names(await ledger.query(f.t.Thing, { owner: alice, flag: true }))).toEqual(["t1", "t2", "t3"]);
    expect(await ledger.query(f.t.Thing, { name: "none" })).toEqual([]);
  });

  test("%lt / %lte / %gt / %gte on Int64, Numeric, Text, Date and Timestamp", async () => {
    expect(names(await ledger.query(f.t.Thing, { count: { "%lt": 2 } }))).toEqual(["t1"]);
    expect(names(await ledger.query(f.t.Thing, { count: { "%lte": "2" } }))).toEqual(["t1", "t2"]);
    expect(names(await ledger.query(f.t.Thing, { count: { "%gt": 2, "%lte": 30 } }))).toEqual(["t3"]);
    expect(names(await ledger.query(f.t.Thing, { amount: { "%gte": "2.0" } }))).toEqual(["t2", "t3"]);
    expect(names(await ledger.query(f.t.Thing, { amount: { "%gt": 1.5, "%lt": 30.25 } }))).toEqual(["t2"]);
    expect(names(await ledger.query(f.t.Thing, { name: { "%gt": "t1" } }))).toEqual(["t2", "t3"]);
    expect(names(await ledger.query(f.t.Thing, { day: { "%lt": "2024-06-15" } }))).toEqual(["t1"]);
    expect(names(await ledger.query(f.t.Thing, { day: { "%gte": "2024-06-15" } }))).toEqual(["t2", "t3"]);
    expect(names(await ledger.query(f.t.Thing, { at: { "%gt": "2024-06-15T12:00:00Z" } }))).toEqual(["t2", "t3"]);
    expect(names(await ledger.query(f.t.Thing, { at: { "%gt": "2025-01-01T00:00:00Z" } }))).toEqual(["t3"]);
    expect(names(await ledger.query(f.t.Thing, { inner: { level: { "%gte": 2 } } }))).toEqual(["t2", "t3"]);
  });

  test("bad queries are 400s naming the field: mutually exclusive ops, unknown fields, ill-typed bounds", async () => {
    const auth = { authorization: `Bearer ${token(f.ledgerId, [alice])}` };
    const ask = (query: unknown) => f.http("POST", "v1/query", { templateIds: [f.t.Thing.templateId], query }, auth);
    for (const [query, message] of [
      [{ count: { "%lt": 1, "%lte": 2 } }, /query\.count: %lt and %lte are mutually exclusive/],
      [{ amount: { "%gt": 1, "%gte": 2 } }, /query\.amount: %gt and %gte are mutually exclusive/],
      [{ nope: 1 }, /query\.nope/],
      [{ count: { "%lt": "abc" } }, /query\.count\.%lt/],
      [{ inner: { level: "x" } }, /query\.inner\.level/],
      [{ tags: ["a", "b"] }, /query\.tags: List fields cannot be queried/],
      [{ attrs: { x: "1" } }, /query\.attrs: TextMap/],
      [{ index: [] }, /query\.index: GenMap/],
    ] as const) {
      const { status, json } = await ask(query);
      expect(status).toBe(400);
      expect(json.status).toBe(400);
      expect((json.errors as string[])[0]).toMatch(message);
    }
  });

  test("query of an unknown template: empty result with an unknownTemplateIds warning", async () => {
    const { status, json } = await f.http("POST", "v1/query", { templateIds: [f.t.Thing.templateId, "Nope:Nope"] },
      { authorization: `Bearer ${token(f.ledgerId, [alice])}` });
    expect(status).toBe(200);
    expect(json.warnings).toEqual({ unknownTemplateIds: ["Nope:Nope"] });
    expect((json.result as unknown[]).length).toBe(3);
  });

  test("fetch by contract id and by key; null when absent", async () => {
    const [one] = await ledger.query(f.t.Thing, { name: "t1" });
    const fetched = await ledger.fetch(f.t.Thing, one!.contractId);
    expect(fetched).toEqual(one);
    const account = await ledger.create(f.t.Account, { owner: alice, id: "fetch-me", balance: "5" });
    const byKey = await ledger.fetchByKey(f.t.Account, { owner: alice, id: "fetch-me" });
    expect(byKey).toMatchObject({ contractId: account.contractId, key: { owner: alice, id: "fetch-me" }, payload: { balance: "5.0" }, agreementText: "account fetch-me" });
    expect(await ledger.fetchByKey(f.t.Account, { owner: alice, id: "not-there" })).toBeNull();
    await ledger.archive(f.t.Account, account.contractId);
    expect(await ledger.fetch(f.t.Account, account.contractId)).toBeNull();
    // Fetch without templateId, raw: the contract id alone is enough.
    const raw = await f.http("POST", "v1/fetch", { contractId: one!.contractId }, { authorization: `Bearer ${token(f.ledgerId, [alice])}` });
    expect(raw.json).toEqual({ status: 200, result: one });
  });

  test("other parties see nothing", async () => {
    const bob = await f.party("bob");
    expect(await f.ledger([bob]).query(f.t.Thing)).toEqual([]);
    const [one] = await ledger.query(f.t.Thing, { name: "t1" });
    expect(await f.ledger([bob]).fetch(f.t.Thing, one!.contractId)).toBeNull();
  });

  test("LF-JSON output: Int64 and Numeric strings, nested Optionals, GenMap pairs, TextMap, variants, enums, Timestamps", async () => {
    const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [{ count: 12, amount: 42, opt: 5, nested: null }, { count: "12", amount: "42.0", opt: "5", nested: null }],
      [{ count: "-3", amount: "0.1000", opt: null, nested: [] }, { count: "-3", amount: "0.1", opt: null, nested: [] }],
      [{ amount: "1e3", nested: ["7"] }, { amount: "1000.0", nested: ["7"] }],
      [{ amount: 999.99, at: "2024-03-01T10:00:00.120Z" }, { amount: "999.99", at: "2024-03-01T10:00:00.120Z" }],
      [{ at: "2024-03-01T10:00:00.1234567Z" }, { at: "2024-03-01T10:00:00.123456Z" }],
      [{ at: "2024-03-01T10:00:00.5Z" }, { at: "2024-03-01T10:00:00.500Z" }],
      [{ at: "2024-03-01T10:00:00.000Z", count: "9223372036854775807" }, { at: "2024-03-01T10:00:00Z", count: "9223372036854775807" }],
      [{ count: "9007199254740993", opt: "-9223372036854775808" }, { count: "9007199254740993", opt: "-9223372036854775808" }], // beyond 2^53
      [{ amount: "0.00000000005" }, { amount: "0.0" }], // banker's rounding to scale 10
      [{ amount: "0.00000000015", count: "+4" }, { amount: "0.0000000002", count: "4" }],
      [{ index: [["b", 2], ["a", "1"]], attrs: { p: 1, q: "-2" } }, { index: [["a", "1"], ["b", "2"]], attrs: { p: "1", q: "-2" } }],
      [{ shape: { tag: "Circle", value: "2.50" }, color: "Blue" }, { shape: { tag: "Circle", value: "2.5" }, color: "Blue" }],
      [{ shape: { tag: "Dot", value: {} }, inner: ["arr", 9] }, { shape: { tag: "Dot", value: {} }, inner: { label: "arr", level: "9" } }],
    ];
    // The ledger keeps GenMap entries sorted by key (LF 1.11+), so the pairs come back in key order.
    for (const [input, expected] of cases) {
      const name = `norm-${Math.random()}`;
      const payload = thing(alice, { ...input, name });
      delete (payload as { opt?: unknown }).opt; // an omitted Optional field is None
      if ("opt" in input) payload.opt = input.opt;
      const created = await ledger.create(f.t.Thing, payload);
      expect(created.payload).toMatchObject(expected);
      expect(Object.keys(created.payload).sort()).toEqual(Object.keys(thing(alice)).sort());
      const [queried] = await ledger.query(f.t.Thing, { name });
      expect(queried?.payload).toEqual(created.payload);
    }
  });

  test("bad payloads are 400s naming the field path; unknown templates 400", async () => {
    const auth = { authorization: `Bearer ${token(f.ledgerId, [alice])}` };
    const create = (payload: unknown, templateId = f.t.Thing.templateId) => f.http("POST", "v1/create", { templateId, payload }, auth);
    for (const [payload, path] of [
      [thing(alice, { count: "x" }), /payload\.count/],
      [thing(alice, { inner: { label: "a", level: 1.5 } }), /payload\.inner\.level/],
      [thing(alice, { shape: { tag: "Hexagon", value: 1 } }), /payload\.shape/],
      [thing(alice, { color: "Purple" }), /payload\.color/],
      [thing(alice, { index: [["a", "1"], ["a", "2"]] }), /payload\.index/],
      [thing(alice, { day: "2024-02-30" }), /payload\.day/],
      [thing(alice, { at: "2024-01-01T00:00:00" }), /payload\.at/],
      [thing(alice, { count: "9223372036854775808" }), /payload\.count/],
      [thing(alice, { count: 1.5 }), /payload\.count/],
      [thing(alice, { amount: "1".repeat(29) }), /payload\.amount/],
      [thing(alice, { tags: "a" }), /payload\.tags/],
      [{ owner: alice }, /payload\.count/],
    ] as const) {
      const { status, json } = await create(payload);
      expect(status, JSON.stringify(json)).toBe(400);
      expect(json.status).toBe(400);
      expect((json.errors as string[])[0]).toMatch(path);
    }
    const unknown = await create(thing(alice), `${f.packageId}:Model:Nope`);
    expect(unknown.status).toBe(400);
    expect((unknown.json.errors as string[])[0]).toMatch(/Cannot resolve template ID/);
  });
});
