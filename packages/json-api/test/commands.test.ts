// Commands through @daml/ledger 2.10.4 against @dit/json-api on the real sandbox: create, exercise by contract id
// and by key, createAndExercise, archive, and the raw wire shapes behind them (ledger-protocol.md §1.4).
import { afterAll, beforeAll, expect, test } from "vitest";
import { describeRealLedger } from "../../../scripts/testing/real-ledger.js";
import { setUp, thing, token, type Fixture } from "./support.js";

let f: Fixture;
beforeAll(async () => {
  f = await setUp();
}, 300_000);
afterAll(async () => f?.api.close());

describeRealLedger("@dit/json-api commands on the real ledger", () => {
  test("create answers a CreatedEvent with completionOffset, a full templateId, no key for unkeyed templates", async () => {
    const alice = await f.party("alice");
    const created = await f.ledger([alice]).create(f.t.Thing, thing(alice));
    expect(created.templateId).toBe(`${f.packageId}:Model:Thing`);
    expect(created).not.toHaveProperty("key");
    expect(created.signatories).toEqual([alice]);
    expect(created.observers).toEqual([]);
    expect(created.agreementText).toBe("");
    expect(created.payload).toMatchObject({ count: "7", amount: "42.0", day: "2024-02-29", at: "2024-02-29T12:34:56.789Z" });
    // @daml/ledger's decoder drops completionOffset: look at the wire.
    const raw = await f.http("POST", "v1/create", { templateId: f.t.Thing.templateId, payload: thing(alice) }, { authorization: `Bearer ${token(f.ledgerId, [alice])}` });
    const result = raw.json.result as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(["agreementText", "completionOffset", "contractId", "observers", "payload", "signatories", "templateId"]);
    expect(result.completionOffset).toMatch(/^[0-9a-f]+$/);
  });

  test('create of a keyed template has the key and the agreement text; "Mod:Ent" and "#package-name:Mod:Ent" ids work', async () => {
    const alice = await f.party("alice");
    const { json, status } = await f.http("POST", "v1/create", { templateId: "Model:Account", payload: { owner: alice, id: "acc-1", balance: 10 } },
      { authorization: `Bearer ${token(f.ledgerId, [alice])}` });
    expect(status).toBe(200);
    expect(json.status).toBe(200);
    const result = json.result as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(["agreementText", "completionOffset", "contractId", "key", "observers", "payload", "signatories", "templateId"]);
    expect(result.templateId).toBe(`${f.packageId}:Model:Account`);
    expect(result.key).toEqual({ owner: alice, id: "acc-1" });
    expect(result.payload).toEqual({ owner: alice, id: "acc-1", balance: "10.0" });
    expect(result.agreementText).toBe("account acc-1");
    const byName = await f.http("POST", "v1/create", { templateId: "#dit-json-api-test:Model:Account", payload: { owner: alice, id: "acc-2", balance: "1" } },
      { authorization: `Bearer ${token(f.ledgerId, [alice])}` });
    expect(byName.json).toMatchObject({ status: 200, result: { templateId: `${f.packageId}:Model:Account`, key: { owner: alice, id: "acc-2" } } });
  });

  test("exercise by contract id: consuming choice gives the new contract id and archive + create events in order", async () => {
    const alice = await f.party("alice");
    const ledger = f.ledger([alice]);
    const created = await ledger.create(f.t.Thing, thing(alice));
    const [result, events] = await ledger.exercise(f.t.Thing.Rename, created.contractId, { newName: "gadget" });
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({ archived: { contractId: created.contractId, templateId: `${f.packageId}:Model:Thing` } });
    const second = events[1] as { created: { contractId: string; payload: Record<string, unknown> } };
    expect(second.created.contractId).toBe(result);
    expect(second.created.payload.name).toBe("gadget");
    expect(second.created.payload.count).toBe("7");
  });

  test("exercise of a non-consuming choice: record and variant results as LF-JSON, no events", async () => {
    const alice = await f.party("alice");
    const ledger = f.ledger([alice]);
    const { contractId } = await ledger.create(f.t.Thing, thing(alice));
    expect(await ledger.exercise(f.t.Thing.Describe, contractId, {})).toEqual([{ label: "in", level: "3" }, []]);
    expect((await ledger.exercise(f.t.Thing.Echo, contractId, { value: { tag: "Circle", value: 1.5 } }))[0]).toEqual({ tag: "Circle", value: "1.5" });
    expect((await ledger.exercise(f.t.Thing.Echo, contractId, { value: { tag: "Square", value: 9 } }))[0]).toEqual({ tag: "Square", value: "9" });
  });

  test("exercise by key and the raw /v1/exercise result shape", async () => {
    const alice = await f.party("alice");
    const ledger = f.ledger([alice]);
    await ledger.create(f.t.Account, { owner: alice, id: "k", balance: "1.5" });
    const [balance, none] = await ledger.exerciseByKey(f.t.Account.Balance, { owner: alice, id: "k" }, {});
    expect(balance).toBe("1.5");
    expect(none).toEqual([]);
    const { json } = await f.http("POST", "v1/exercise",
      { templateId: f.t.Account.templateId, key: { owner: alice, id: "k" }, choice: "Deposit", argument: { newBalance: "100" } },
      { authorization: `Bearer ${token(f.ledgerId, [alice])}` });
    const result = json.result as { exerciseResult: string; events: Array<Record<string, { contractId: string; key?: unknown; payload?: unknown }>>; completionOffset: string };
    expect(Object.keys(result).sort()).toEqual(["completionOffset", "events", "exerciseResult"]);
    expect(typeof result.completionOffset).toBe("string");
    expect(result.events.map((e) => Object.keys(e)[0])).toEqual(["archived", "created"]);
    expect(result.events[1]?.created?.contractId).toBe(result.exerciseResult);
    expect(result.events[1]?.created?.key).toEqual({ owner: alice, id: "k" });
    expect(result.events[1]?.created?.payload).toEqual({ owner: alice, id: "k", balance: "100.0" });
    const [closed] = await ledger.exerciseByKey(f.t.Account.Close, { owner: alice, id: "k" }, {});
    expect(closed).toBe("k");
    expect(await ledger.fetchByKey(f.t.Account, { owner: alice, id: "k" })).toBeNull();
  });

  test("createAndExercise: the create, then the archive of a consuming choice", async () => {
    const alice = await f.party("alice");
    const ledger = f.ledger([alice]);
    const [result, events] = await ledger.createAndExercise(f.t.Account.Close, { owner: alice, id: "cae", balance: "3" }, {});
    expect(result).toBe("cae");
    expect(events).toHaveLength(2);
    const [created, archived] = events as [{ created: { contractId: string; key: unknown; payload: unknown } }, { archived: { contractId: string; templateId: string } }];
    expect(created.created.payload).toEqual({ owner: alice, id: "cae", balance: "3.0" });
    expect(created.created.key).toEqual({ owner: alice, id: "cae" });
    expect(archived.archived).toEqual({ contractId: created.created.contractId, templateId: f.t.Account.templateId });

    const [inner, only] = await ledger.createAndExercise(f.t.Thing.Describe, thing(alice), {});
    expect(inner).toEqual({ label: "in", level: "3" });
    expect(only).toHaveLength(1);
  });

  test("archive and archiveByKey", async () => {
    const alice = await f.party("alice");
    const ledger = f.ledger([alice]);
    const { contractId } = await ledger.create(f.t.Thing, thing(alice));
    expect(await ledger.archive(f.t.Thing, contractId)).toEqual({ contractId, templateId: f.t.Thing.templateId });
    expect(await ledger.fetch(f.t.Thing, contractId)).toBeNull();
    await ledger.create(f.t.Account, { owner: alice, id: "gone", balance: "0" });
    await ledger.archiveByKey(f.t.Account, { owner: alice, id: "gone" });
    expect(await ledger.fetchByKey(f.t.Account, { owner: alice, id: "gone" })).toBeNull();
  });

  test("exercising an archived contract (409), a duplicate key (409), an absent key (the ledger's 400)", async () => {
    const alice = await f.party("alice");
    const auth = { authorization: `Bearer ${token(f.ledgerId, [alice])}` };
    const ledger = f.ledger([alice]);
    const { contractId } = await ledger.create(f.t.Thing, thing(alice));
    await ledger.archive(f.t.Thing, contractId);
    const again = await f.http("POST", "v1/exercise", { templateId: f.t.Thing.templateId, contractId, choice: "Describe", argument: {} }, auth);
    expect(again.status).toBe(409);
    expect(again.json.status).toBe(409);
    expect((again.json.errors as string[])[0]).toMatch(/^ABORTED: .*(inactive|not active|consumed|Contract could not be found)/i);
    expect(again.json.ledgerApiError).toMatchObject({ code: 10 });

    await ledger.create(f.t.Account, { owner: alice, id: "dup", balance: "0" });
    const duplicate = await f.http("POST", "v1/create", { templateId: f.t.Account.templateId, payload: { owner: alice, id: "dup", balance: "0" } }, auth);
    expect(duplicate.status).toBe(409);
    expect((duplicate.json.errors as string[])[0]).toMatch(/duplicate/i);

    const absent = await f.http("POST", "v1/exercise", { templateId: f.t.Account.templateId, key: { owner: alice, id: "nope" }, choice: "Balance", argument: {} }, auth);
    // Sandbox 1.13.1 rejects an absent key as INVALID_ARGUMENT (Canton says NOT_FOUND); the gRPC code decides.
    expect(absent.status).toBe(400);
    expect(absent.json).toMatchObject({ status: 400, ledgerApiError: { code: 3 } });
    expect((absent.json.errors as string[])[0]).toMatch(/^INVALID_ARGUMENT: .*couldn't find key/);
  });

  test("meta.actAs and meta.commandId pick the submitter; readers narrow query and fetch", async () => {
    const alice = await f.party("alice");
    const bob = await f.party("bob");
    const auth = { authorization: `Bearer ${token(f.ledgerId, [alice, bob])}` };
    const asBob = await f.http("POST", "v1/create", { templateId: f.t.Thing.templateId, payload: thing(bob), meta: { actAs: [bob], commandId: `c-${bob}` } }, auth);
    expect(asBob.json).toMatchObject({ status: 200, result: { signatories: [bob] } });
    const again = await f.http("POST", "v1/create", { templateId: f.t.Thing.templateId, payload: thing(bob), meta: { actAs: [bob], commandId: `c-${bob}` } }, auth);
    expect(again.status).toBe(409); // the ledger deduplicates the command id
    await f.ledger([alice]).create(f.t.Thing, thing(alice));
    const both = await f.http("POST", "v1/query", { templateIds: [f.t.Thing.templateId] }, auth);
    expect((both.json.result as unknown[]).length).toBe(2);
    const onlyAlice = await f.http("POST", "v1/query", { templateIds: [f.t.Thing.templateId], readers: [alice] }, auth);
    expect((onlyAlice.json.result as Array<{ signatories: string[] }>).map((c) => c.signatories)).toEqual([[alice]]);
    const bobs = (asBob.json.result as { contractId: string }).contractId;
    expect((await f.http("POST", "v1/fetch", { contractId: bobs, readers: [alice] }, auth)).json).toEqual({ status: 200, result: null });
    expect((await f.http("POST", "v1/fetch", { contractId: bobs }, auth)).json).toMatchObject({ status: 200, result: { contractId: bobs } });
  });
});
