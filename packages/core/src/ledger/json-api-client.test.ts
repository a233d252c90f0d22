// The @daml/ledger adapter against a local HTTP+WebSocket stand-in that answers JSON API v1 shapes
// (testing/json-api-standin.ts). This is a unit-level stand-in, NOT a claim of conformance with a real ledger:
// no real Daml ledger or JSON API is available on this machine or in CI.
import { E, PackageBuilder, T } from "@dit/daml-lf";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { create, exercise } from "../runtime/commands.js";
import type { ContractArchiveEvent, ContractCreateEvent } from "../runtime/events.js";
import { silentLog } from "../runtime/log.js";
import { IntegrationRuntime } from "../runtime/runtime.js";
import { systemClock } from "../runtime/clock.js";
import { testConfig } from "../runtime/testing/harness.js";
import { JsonApiLedger } from "./json-api-client.js";
import { type JsonApiStandIn, startJsonApiStandIn } from "./testing/json-api-standin.js";
import type { StreamMessage } from "./types.js";

const builder = new PackageBuilder({ name: "assets", version: "1.0.0" });
const m = builder.module("Main");
m.template("Asset", { issuer: T.party, amount: T.numeric(10) }, { signatories: (t) => E.list(T.party, [t.field("issuer")]) });
const built = builder.buildDar();
const ASSET = `${built.packageId}:Main:Asset`;

let standIn: JsonApiStandIn;
beforeAll(async () => {
  standIn = await startJsonApiStandIn();
  standIn.ledger.packages.set(built.packageId, built.dalf.bytes);
});
afterAll(() => standIn.close());

const until = async (check: () => boolean, ms = 5000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("JsonApiLedger (@daml/ledger 2.10.4) against the JSON API v1 stand-in", () => {
  test("packages, create, query, exercise; errors carry status and code", async () => {
    const client = new JsonApiLedger({ url: standIn.url.slice(0, -1), token: "t", log: silentLog });
    expect(await client.listPackages()).toContain(built.packageId);
    expect((await client.getPackage(built.packageId)).length).toBe(built.dalf.bytes.length);
    const created = await client.create(ASSET, { issuer: "Alice", amount: "1.5" });
    const cid = "created" in created.events[0]! ? created.events[0].created.contractId : "";
    expect(await client.query([ASSET])).toEqual([expect.objectContaining({ contractId: cid, payload: { issuer: "Alice", amount: "1.5" } })]);
    await client.exercise(ASSET, cid, "Archive", {});
    expect(await client.query([ASSET])).toEqual([]);
    await expect(client.exercise(ASSET, cid, "Archive", {})).rejects.toMatchObject({ code: "ledger/rejected", status: 404 });
    const unreachable = new JsonApiLedger({ url: "http://127.0.0.1:9/", token: "t", log: silentLog });
    await expect(unreachable.listPackages()).rejects.toMatchObject({ code: "ledger/unreachable" });
  });

  test("the stream: active set, live marker with offset, then changes; resume from an offset", async () => {
    const client = new JsonApiLedger({ url: standIn.url, token: "t", log: silentLog });
    const before = standIn.ledger.createContract(ASSET, { issuer: "A", amount: "2.0" });
    const messages: StreamMessage[] = [];
    const stream = client.stream({ templateIds: [ASSET] }, { message: (msg) => messages.push(msg), closed: () => {} });
    await until(() => messages.some((x) => "offset" in x));
    expect(messages[0]).toEqual({ events: [{ created: expect.objectContaining({ contractId: before.contractId }) }] });
    const liveOffset = standIn.ledger.offset;
    standIn.ledger.createContract(ASSET, { issuer: "B", amount: "3.0" });
    await until(() => messages.length === 3);
    expect(messages[2]).toMatchObject({ offset: standIn.ledger.offset, events: [{ created: { payload: { issuer: "B" } } }] });
    stream.close();
    const resumed: StreamMessage[] = [];
    client.stream({ templateIds: [ASSET], offset: liveOffset as string }, { message: (msg) => resumed.push(msg), closed: () => {} });
    await until(() => resumed.length >= 2);
    expect(resumed[0]).toMatchObject({ events: [{ created: { payload: { issuer: "B" } } }] });
    await client.close();
  });

  test("the runtime on the adapter: sweep, flow, typed encoding, reconnect after a dropped socket without loss or duplicates", async () => {
    standIn.ledger.active.clear();
    const swept = standIn.ledger.createContract(ASSET, { issuer: "Alice", amount: "5.0" });
    const client = new JsonApiLedger({ url: standIn.url, token: "t", log: silentLog });
    const seen: string[] = [];
    const loaded = await IntegrationRuntime.load({
      root: "/x", config: testConfig(), damlModel: { name: "assets", version: "1.0.0", main_package_id: built.packageId }, party: "Alice",
      ledger: client, clock: systemClock(), reconnect: { initialMs: 20, maxMs: 100, giveUpAfterMs: 10_000 },
      entrypoint: (_env, events) => {
        events.ledger.contractCreated("Main:Asset", (e: ContractCreateEvent) => {
          seen.push(`created ${String(e.cdata.amount)} ${e.initial}`);
          // Numeric given as a JS number goes out as LF-JSON "7.0" via the daml-lf codec.
          if (e.cdata.issuer === "Alice" && e.initial) return create(ASSET, { issuer: "Bob", amount: 7 });
        });
        events.ledger.contractArchived("Main:Asset", (e: ContractArchiveEvent) => void seen.push(`archived ${String(e.cdata?.amount)}`));
      },
    });
    if (!loaded.ok) throw loaded.error;
    loaded.runtime.start();
    await until(() => seen.length === 2);
    expect(seen).toEqual(["created 5.0 true", "created 7.0 false"]);
    standIn.dropStreams();
    await until(() => loaded.runtime.snapshot().ledger.state === "reconnecting");
    standIn.ledger.archiveContract(swept.contractId);
    await until(() => seen.length === 3);
    await until(() => loaded.runtime.snapshot().ledger.state === "connected");
    standIn.ledger.createContract(ASSET, { issuer: "Carol", amount: "9.0" });
    await until(() => seen.length === 4);
    expect(seen.slice(2)).toEqual(["archived 5.0", "created 9.0 false"]);
    expect(loaded.runtime.snapshot().submissions).toMatchObject({ succeeded: 1, failed: 0 });
    await loaded.runtime.shutdown(1000);
    void exercise;
  });
});
