// WebSocket streams (ledger-protocol.md §1.6) against @dit/json-api on the real sandbox: @daml/ledger 2.10.4's
// streamQueries and streamFetchByKeys, and raw `ws` sockets for what the client hides (matchedQueries, offsets,
// heartbeats, one request per connection, the subprotocol check).
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import WebSocket from "ws";
import { describeRealLedger, realLedger } from "../../../scripts/testing/real-ledger.js";
import { startJsonApi } from "../src/start.js";
import { setUp, thing, token, type Contract, type Event, type Fixture, type Stream } from "./support.js";

let f: Fixture;
beforeAll(async () => {
  f = await setUp(300);
}, 300_000);
afterAll(async () => f?.api.close());

/** Resolves once `check` holds, polling; fails after `ms` with `what`. */
async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A @daml/ledger stream, recording what it emits (closed after the test). */
const open: Array<Stream<unknown>> = [];
afterEach(async () => {
  for (const s of open.splice(0)) {
    s.close();
    await new Promise((r) => setTimeout(r, 100)); // a multiplexed close rebuilds the shared socket (see below)
  }
});
function record<S>(stream: Stream<S>) {
  open.push(stream as Stream<unknown>);
  const seen = { changes: [] as Array<{ state: S; events: readonly Event[] }>, live: [] as S[], closed: [] as Array<{ code: number; reason: string }>, state: undefined as S | undefined };
  stream.on("change", (state, events) => {
    seen.changes.push({ state, events });
    seen.state = state;
  });
  stream.on("live", (state) => {
    seen.live.push(state);
    seen.state = state;
  });
  stream.on("close", (event) => seen.closed.push(event));
  return seen;
}

type Message = { events?: Array<Record<string, unknown>>; offset?: string | null; errors?: string[]; status?: number; warnings?: unknown };

/** A raw socket on a stream path, collecting parsed messages. */
async function socket(path: string, protocols: string[]): Promise<{ ws: WebSocket; messages: Message[]; closed: () => boolean }> {
  const ws = new WebSocket(new URL(path, f.api.url.replace(/^http/, "ws")), protocols);
  const messages: Message[] = [];
  let closed = false;
  ws.on("message", (data) => messages.push(JSON.parse(String(data)) as Message));
  ws.on("close", () => (closed = true));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return { ws, messages, closed: () => closed };
}
const protocolsFor = (parties: string[]) => [`jwt.token.${token(f.ledgerId, parties)}`, "daml.ws.auth"];
const payloads = (cs: readonly Contract[] | undefined) => (cs ?? []).map((c) => c.payload.name).sort();

describeRealLedger("@dit/json-api streams on the real ledger", () => {
  test("streamQueries: the ACS as a change, then live, then later creates and archives", async () => {
    const alice = await f.party("alice");
    const ledger = f.ledger([alice]);
    const first = await ledger.create(f.t.Thing, thing(alice, { name: "a", count: 1 }));
    await ledger.create(f.t.Thing, thing(alice, { name: "b", count: 50 }));
    const stream = ledger.streamQueries(f.t.Thing, [{ count: { "%lt": 10 } }, { name: "b" }]);
    const seen = record(stream);
    try {
      await until("live", () => seen.live.length === 1);
      expect(seen.changes).toHaveLength(1);
      expect(payloads(seen.changes[0]?.state)).toEqual(["a", "b"]);
      expect(payloads(seen.live[0])).toEqual(["a", "b"]);

      await ledger.create(f.t.Thing, thing(alice, { name: "c", count: 2 }));
      await ledger.create(f.t.Thing, thing(alice, { name: "d", count: 99 })); // matches neither query
      await until("c", () => payloads(seen.state).includes("c"));
      await ledger.archive(f.t.Thing, first.contractId);
      await until("archive of a", () => !payloads(seen.state).includes("a"));
      expect(payloads(seen.state)).toEqual(["b", "c"]);
      const last = seen.changes.at(-1);
      expect(last?.events).toEqual([{ archived: { contractId: first.contractId, templateId: f.t.Thing.templateId } }]);
      expect(seen.closed).toEqual([]);
    } finally {
      stream.close();
    }
    expect(seen.closed).toEqual([{ code: 4000, reason: "called .close()" }]);
  });

  test("streamQueries multiplexed on one socket: each stream gets its own contracts, archives routed by template id", async () => {
    const alice = await f.party("alice");
    const ledger = f.ledger([alice], [], { multiplexQueryStreams: true });
    await ledger.create(f.t.Thing, thing(alice, { name: "m1", count: 1 }));
    // The client rebuilds the shared socket per new stream and throws if the previous one is still connecting:
    // open them one after the other.
    const low = record(ledger.streamQueries(f.t.Thing, [{ count: { "%lt": 10 } }]));
    await until("low live", () => low.live.length > 0);
    const named = record(ledger.streamQueries(f.t.Thing, [{ name: "m2" }]));
    await until("named live", () => named.live.length > 0);
    const accounts = record(ledger.streamQueries(f.t.Account, []));
    await until("all live", () => accounts.live.length > 0);
    expect(payloads(low.state)).toEqual(["m1"]);
    const m2 = await ledger.create(f.t.Thing, thing(alice, { name: "m2", count: 2 }));
    const account = await ledger.create(f.t.Account, { owner: alice, id: "mx", balance: "0" });
    await until("m2 in both", () => payloads(low.state).includes("m2") && payloads(named.state).includes("m2"));
    await until("the account", () => accounts.state?.some((c) => c.contractId === account.contractId) ?? false);
    await ledger.archive(f.t.Thing, m2.contractId);
    await until("m2 archived", () => !payloads(low.state).includes("m2") && !payloads(named.state).includes("m2"));
    expect(payloads(low.state)).toEqual(["m1"]);
    expect(accounts.state?.map((c) => c.payload.id)).toEqual(["mx"]);
  });

  test("raw: matchedQueries for several queries, the live marker, heartbeats with the last offset", async () => {
    const alice = await f.party("alice");
    const ledger = f.ledger([alice]);
    await ledger.create(f.t.Thing, thing(alice, { name: "both", count: 5 }));
    const { ws, messages } = await socket("v1/stream/query", protocolsFor([alice]));
    expect(ws.protocol).toBe("daml.ws.auth");
    ws.send(JSON.stringify([
      { templateIds: [f.t.Thing.templateId], query: { count: { "%gte": 5 } } },
      { templateIds: [f.t.Account.templateId] },
      { templateIds: [f.t.Thing.templateId], query: { name: "both" } },
    ]));
    await until("live marker", () => messages.some((m) => "offset" in m));
    expect(messages[0]).not.toHaveProperty("offset");
    const acs = messages[0]?.events ?? [];
    expect(acs).toHaveLength(1);
    expect(acs[0]).toMatchObject({ created: { templateId: f.t.Thing.templateId, payload: { name: "both" } }, matchedQueries: [0, 2] });
    const live = messages[1]!;
    expect(live.events).toEqual([]);
    expect(typeof live.offset).toBe("string");

    const account = await ledger.create(f.t.Account, { owner: alice, id: "s", balance: "1" });
    const isAccount = (m: Message) => m.events?.some((e) => (e.created as Contract | undefined)?.contractId === account.contractId) ?? false;
    await until("account event", () => messages.some(isAccount));
    const message = messages.find(isAccount)!;
    expect(typeof message.offset).toBe("string");
    expect(message.offset! > live.offset!).toBe(true);
    expect(message.events?.[0]).toMatchObject({ created: { key: { owner: alice, id: "s" } }, matchedQueries: [1] });
    const at = messages.length;
    await until("two heartbeats", () => messages.slice(at).filter((m) => m.events?.length === 0).length >= 2);
    expect(messages.at(-1)).toEqual({ events: [], offset: message.offset });
    ws.close();
  });

  test("raw: a second request on one socket is refused; a leading {offset} resumes without the ACS", async () => {
    const alice = await f.party("alice");
    const ledger = f.ledger([alice]);
    await ledger.create(f.t.Thing, thing(alice, { name: "old" }));
    const one = await socket("v1/stream/query", protocolsFor([alice]));
    one.ws.send(JSON.stringify([{ templateIds: [f.t.Thing.templateId] }]));
    await until("live", () => one.messages.some((m) => "offset" in m));
    const offset = one.messages.find((m) => "offset" in m)!.offset!;
    one.ws.send(JSON.stringify([{ templateIds: [f.t.Thing.templateId] }]));
    await until("the error", () => one.messages.some((m) => m.errors));
    expect(one.messages.find((m) => m.errors)).toEqual({ errors: ["Multiple requests over the same WebSocket connection are not allowed."], status: 400 });
    one.ws.close();

    const fresh = await ledger.create(f.t.Thing, thing(alice, { name: "new" }));
    const two = await socket("v1/stream/query", protocolsFor([alice]));
    two.ws.send(JSON.stringify({ offset }));
    two.ws.send(JSON.stringify([{ templateIds: [f.t.Thing.templateId] }]));
    await until("the new contract", () => two.messages.some((m) => m.events?.some((e) => e.created)));
    expect(two.messages[0]).toEqual({ events: [], offset });
    const created = two.messages.filter((m) => m.events?.some((e) => e.created));
    expect(created).toHaveLength(1);
    expect(created[0]?.events).toEqual([{ created: expect.objectContaining({ contractId: fresh.contractId }), matchedQueries: [0] }]);
    expect(typeof created[0]?.offset).toBe("string");

    // A per-query offset does the same.
    const three = await socket("v1/stream/query", protocolsFor([alice]));
    three.ws.send(JSON.stringify([{ templateIds: [f.t.Thing.templateId], offset }]));
    await until("the new contract", () => three.messages.some((m) => m.events?.some((e) => e.created)));
    expect(three.messages[0]).toEqual({ events: [], offset });
    two.ws.close();
    three.ws.close();

    // Mixed: query 0 without an offset gets the active contracts; query 1 only what came after its offset.
    const four = await socket("v1/stream/query", protocolsFor([alice]));
    four.ws.send(JSON.stringify([{ templateIds: [f.t.Thing.templateId] }, { templateIds: [f.t.Thing.templateId], offset }]));
    await until("the replayed contract", () => four.messages.filter((m) => m.events?.some((e) => e.created)).length === 2);
    const [acs, replay] = four.messages.filter((m) => m.events?.some((e) => e.created));
    expect(acs).not.toHaveProperty("offset");
    expect(acs?.events?.map((e) => [(e.created as Contract).payload.name, e.matchedQueries]).sort()).toEqual([["new", [0]], ["old", [0]]]);
    expect(replay?.events).toEqual([{ created: expect.objectContaining({ contractId: fresh.contractId }), matchedQueries: [1] }]);
    four.ws.close();
  });

  test("raw: without daml.ws.auth or the jwt.token. entry, or for another ledger, the upgrade is a 401", async () => {
    const alice = await f.party("alice");
    const wrongLedger = [`jwt.token.${token("other-ledger", [alice])}`, "daml.ws.auth"];
    for (const protocols of [[`jwt.token.${token(f.ledgerId, [alice])}`], ["daml.ws.auth"], wrongLedger]) {
      const ws = new WebSocket(new URL("v1/stream/query", f.api.url.replace(/^http/, "ws")), protocols);
      const status = await new Promise<number>((resolve) => {
        ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.once("open", () => resolve(101));
        ws.once("error", () => resolve(-1));
      });
      expect(status).toBe(401);
      ws.terminate();
    }
  });

  test("raw: unknown template ids give a warning, and an error when none resolves", async () => {
    const alice = await f.party("alice");
    const some = await socket("v1/stream/query", protocolsFor([alice]));
    some.ws.send(JSON.stringify([{ templateIds: [f.t.Thing.templateId, "Nope:Nope"] }]));
    await until("live", () => some.messages.some((m) => "offset" in m));
    expect(some.messages[0]).toEqual({ warnings: { unknownTemplateIds: ["Nope:Nope"] } });
    some.ws.close();
    const none = await socket("v1/stream/query", protocolsFor([alice]));
    none.ws.send(JSON.stringify([{ templateIds: ["Nope:Nope"] }]));
    await until("error", () => none.messages.some((m) => m.errors));
    expect(none.messages.find((m) => m.errors)).toMatchObject({ status: 400 });
    none.ws.close();
  });

  test("streamFetchByKeys: a contract per key or null, following creates and archives", async () => {
    const alice = await f.party("alice");
    const ledger = f.ledger([alice]);
    const a = await ledger.create(f.t.Account, { owner: alice, id: "fa", balance: "1" });
    const stream = ledger.streamFetchByKeys(f.t.Account, [{ owner: alice, id: "fa" }, { owner: alice, id: "fb" }]);
    const seen = record(stream);
    try {
      await until("live", () => seen.live.length === 1);
      expect(seen.live[0]?.map((c) => c?.contractId ?? null)).toEqual([a.contractId, null]);
      const b = await ledger.create(f.t.Account, { owner: alice, id: "fb", balance: "2" });
      await until("fb", () => seen.state?.[1]?.contractId === b.contractId);
      expect(seen.state?.[1]?.payload).toEqual({ owner: alice, id: "fb", balance: "2.0" });
      const [next] = await ledger.exerciseByKey(f.t.Account.Deposit, { owner: alice, id: "fa" }, { newBalance: "7" });
      await until("fa replaced", () => seen.state?.[0]?.contractId === next);
      expect(seen.state?.[0]?.payload.balance).toBe("7.0");
      await ledger.archiveByKey(f.t.Account, { owner: alice, id: "fb" });
      await until("fb archived", () => seen.state?.[1] === null);
      expect(seen.closed).toEqual([]);
    } finally {
      stream.close();
    }
  });

  test("raw fetch stream: the ACS for the keys, then only changes to those keys", async () => {
    const alice = await f.party("alice");
    const ledger = f.ledger([alice]);
    const a = await ledger.create(f.t.Account, { owner: alice, id: "ra", balance: "1" });
    const { ws, messages } = await socket("v1/stream/fetch", protocolsFor([alice]));
    ws.send(JSON.stringify([{ templateId: f.t.Account.templateId, key: { owner: alice, id: "ra" } }]));
    await until("live", () => messages.some((m) => "offset" in m));
    expect(messages[0]?.events).toEqual([{ created: expect.objectContaining({ contractId: a.contractId }), matchedQueries: [0] }]);
    await ledger.create(f.t.Account, { owner: alice, id: "other", balance: "1" });
    await ledger.archive(f.t.Account, a.contractId);
    await until("archive", () => messages.some((m) => m.events?.some((e) => e.archived)));
    const changes = messages.filter((m) => (m.events?.length ?? 0) > 0).slice(1);
    expect(changes.flatMap((m) => m.events)).toEqual([{ archived: { contractId: a.contractId, templateId: f.t.Account.templateId } }]);
    ws.close();
  });

  test("raw fetch stream with contractIdAtOffset on every item: no phantom archives", async () => {
    const alice = await f.party("alice");
    const ledger = f.ledger([alice]);
    const { ws, messages } = await socket("v1/stream/fetch", protocolsFor([alice]));
    ws.send(JSON.stringify([{ templateId: f.t.Account.templateId, key: { owner: alice, id: "mine" }, contractIdAtOffset: null }]));
    await until("live", () => messages.some((m) => "offset" in m));
    const other = await ledger.create(f.t.Account, { owner: alice, id: "theirs", balance: "1" });
    await ledger.archive(f.t.Account, other.contractId);
    const mine = await ledger.create(f.t.Account, { owner: alice, id: "mine", balance: "1" });
    await ledger.archive(f.t.Account, mine.contractId);
    await until("archive of mine", () => messages.some((m) => m.events?.some((e) => e.archived)));
    expect(messages.flatMap((m) => m.events ?? []).map((e) => Object.keys(e)[0] === "archived" ? ["archived", (e.archived as Contract).contractId] : ["created", (e.created as Contract).contractId]))
      .toEqual([["created", mine.contractId], ["archived", mine.contractId]]);
    ws.close();
  });

  test.skipIf(process.env.DIT_JSON_API_URL !== undefined)("closing the JSON API with streams open ends them instead of waiting for them", async () => {
    const alice = await f.party("alice");
    const other = await startJsonApi({ ledger: (await realLedger()).address, heartbeatMs: 100 });
    const ws = new WebSocket(new URL("v1/stream/query", other.url.replace(/^http/, "ws")), protocolsFor([alice]));
    const messages: Message[] = [];
    ws.on("message", (data) => messages.push(JSON.parse(String(data)) as Message));
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    await new Promise((resolve) => ws.once("open", resolve));
    ws.send(JSON.stringify([{ templateIds: [f.t.Thing.templateId] }]));
    await until("live", () => messages.some((m) => "offset" in m));
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await closed).toBeGreaterThan(0);
  });
});
