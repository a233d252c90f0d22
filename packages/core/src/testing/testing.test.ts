// @dit/core/testing on small integrations, written the way an author would test theirs.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { E, PackageBuilder, T } from "@dit/daml-lf";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { AuthLevel, type WebhookRequest } from "../contract.js";
import { create, exercise } from "../runtime/commands.js";
import type { IntegrationEnv } from "../runtime/env.js";
import type { IntegrationEvents } from "../runtime/events.js";
import { getIntegrationLogger } from "../runtime/log.js";
import type { SubmissionFailure } from "../runtime/responses.js";
import { type IntegrationTest, TEST_PACKAGE_ID, testIntegration } from "./index.js";

const fixtures = resolve(fileURLToPath(new URL("../../../../fixtures/integrations", import.meta.url)));
const running: IntegrationTest[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.stop();
});
async function load(...args: Parameters<typeof testIntegration>): Promise<IntegrationTest> {
  const t = await testIntegration(...args);
  running.push(t);
  return t;
}

describe("ledger events", () => {
  // Accepts every request it sees: those active at start-up (the sweep) and new ones (the flow).
  function acceptor(env: IntegrationEnv, events: IntegrationEvents) {
    events.ledger.contractCreated("Main:Request", (e) => exercise(env.tid("Main:Request"), e.cid, "Accept", { by: env.party }));
  }

  test("contracts created before start are swept (initial), later ones flow; the commands reach the ledger", async () => {
    const seen: Array<{ cid: string; initial: boolean }> = [];
    const t = await load((env, events) => {
      acceptor(env, events);
      events.ledger.contractCreated("Main:Request", (e) => void seen.push({ cid: e.cid, initial: e.initial }));
    });
    const request = t.tid("Main:Request");
    expect(request).toBe(`${TEST_PACKAGE_ID}:Main:Request`);
    const early = t.ledger.createContract(request, { owner: "Bob" });
    await t.start();
    expect(seen).toEqual([{ cid: early.contractId, initial: true }]);
    const late = t.ledger.createContract(request, { owner: "Carol" });
    t.ledger.createContract(`${TEST_PACKAGE_ID}:Main:Other`, { owner: "Dan" });
    await t.settle();
    expect(seen).toEqual([{ cid: early.contractId, initial: true }, { cid: late.contractId, initial: false }]);
    expect(t.submitted()).toEqual([
      exercise(request, early.contractId, "Accept", { by: "Alice" }),
      exercise(request, late.contractId, "Accept", { by: "Alice" }),
    ]);
    const status = await t.status();
    expect(status).toMatchObject({ running: true, ready: true, submissions: { succeeded: 2, failed: 0 } });
    expect(status.ledger_events[0]).toMatchObject({ template_id: request, use_count: 2, command_count: 2, sweep_enabled: true });
  });

  test("archives reach contractArchived with the payload remembered from the create", async () => {
    const archived: unknown[] = [];
    const t = await load((env, events) => {
      events.ledger.contractArchived("Main:Request", (e) => void archived.push(e.cdata), { match: { owner: "Bob" } });
    });
    await t.start();
    const bob = t.ledger.createContract(t.tid("Main:Request"), { owner: "Bob" });
    const carol = t.ledger.createContract(t.tid("Main:Request"), { owner: "Carol" });
    t.ledger.archiveContract(carol.contractId);
    t.ledger.archiveContract(bob.contractId);
    await t.settle();
    expect(archived).toEqual([{ owner: "Bob" }]);
  });
});

test("a timer fires when the manual clock passes its interval, and not before", async () => {
  let ticks = 0;
  const t = await load((env, events) => {
    events.time.periodicInterval(60, () => create(env.tid("Main:Tick"), { n: ++ticks }), { label: "Minute" });
  });
  await t.start();
  await t.advance(59_999);
  expect(ticks).toBe(0);
  await t.advance(1);
  expect(ticks).toBe(1);
  await t.advance(120_000);
  expect(t.submitted().map((c) => (c.kind === "create" ? c.payload : undefined))).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  expect((await t.status()).timers).toMatchObject([{ label: "Minute (60s)", use_count: 3, command_count: 3 }]);
});

test("queue messages, from the test and from a webhook, run on the queue's handler", async () => {
  const t = await load((env, events) => {
    events.queue.message((text) => create(env.tid("Main:Note"), { text }), { queueName: "notes" });
    events.webhook.post(async (request) => {
      await env.queue.put((request.body as { text: string }).text, "notes");
      return { json: { queued: true } };
    }, { urlSuffix: "/enqueue" });
  });
  await t.start();
  await t.queue.put("from the test", "notes");
  expect((await t.webhook("POST", "/enqueue", { body: { text: "from a webhook" } })).body).toEqual({ queued: true });
  await t.settle();
  expect(t.submitted()).toEqual([create(t.tid("Main:Note"), { text: "from the test" }), create(t.tid("Main:Note"), { text: "from a webhook" })]);
  await expect(t.queue.put("x", "nope")).rejects.toThrow("Unknown queue: nope (valid: ['notes'])");
});

describe("webhooks through the host", () => {
  function hooks(seen: WebhookRequest[]) {
    return (env: IntegrationEnv, events: IntegrationEvents) => {
      events.webhook.get(() => ({ json: { party: env.party } }), { urlSuffix: "/whoami" });
      events.webhook.post((request) => {
        seen.push(request);
        return { commands: [create(env.tid("Main:Note"), { text: String((request.body as { text?: unknown }).text) })], json: { created: true } };
      }, { urlSuffix: "/notes" });
      events.webhook.post((request) => (seen.push(request), { text: "hi" }), { urlSuffix: "/any", auth: AuthLevel.ANY_PARTY });
      events.webhook.get((request) => (seen.push(request), { text: "yours", status: 202 }), { urlSuffix: "/own", auth: AuthLevel.INTEGRATION_PARTY });
    };
  }

  test("PUBLIC: JSON in and out, commands submitted before the answer; unknown paths and methods answer as the host does", async () => {
    const seen: WebhookRequest[] = [];
    const t = await load(hooks(seen));
    await t.start();
    expect(await t.webhook("GET", "/whoami")).toMatchObject({ status: 200, body: { party: "Alice" } });
    const posted = await t.webhook("POST", "/notes", { body: { text: "hello" } });
    expect(posted).toMatchObject({ status: 200, body: { created: true } });
    expect(seen[0]?.claims).toBeUndefined();
    expect(t.submitted()).toEqual([create(t.tid("Main:Note"), { text: "hello" })]);
    expect((await t.webhook("GET", "/nowhere")).status).toBe(404);
    expect((await t.webhook("GET", "/notes")).status).toBe(405);
    expect(await t.webhook("GET", "/integration/other-id/whoami")).toMatchObject({ status: 200 });
  });

  test("ANY_PARTY and INTEGRATION_PARTY: without a token, with another party's, with the run-as party's, with a bad one", async () => {
    const seen: WebhookRequest[] = [];
    const t = await load(hooks(seen), { party: "Operator" });
    expect(await t.webhook("POST", "/any")).toMatchObject({ status: 401, body: { code: "missing_token" } });
    expect(await t.webhook("POST", "/any", { party: "Bob" })).toMatchObject({ status: 200, text: "hi" });
    expect(seen.at(-1)?.claims).toEqual({ ledgerId: t.ledgerId, actAs: ["Bob"], readAs: ["Bob"] });
    expect(await t.webhook("GET", "/own", { party: "Bob" })).toMatchObject({ status: 401, body: { code: "unauthorized" } });
    expect((await t.webhook("GET", "/own", { party: "Operator" })).status).toBe(202);
    expect((await t.webhook("GET", "/own", { claims: { actAs: ["Operator"], readAs: ["Operator"], applicationId: "app" } })).status).toBe(202);
    expect(seen.at(-1)?.claims?.applicationId).toBe("app");
    expect(await t.webhook("GET", "/own", { claims: { ledgerId: "elsewhere", actAs: ["Operator"], readAs: ["Operator"] } }))
      .toMatchObject({ status: 401, body: { code: "missing_ledger_claims" } });
    expect(await t.webhook("GET", "/own", { token: "not-a-jwt" })).toMatchObject({ status: 403, body: { code: "invalid_token" } });
    expect((await t.webhook("GET", "/own", { query: { access_token: await t.token() } })).status).toBe(202);
  });
});

test("errorHandler gets the failed command and the ones not sent; status counts the failure", async () => {
  const failures: SubmissionFailure[] = [];
  const t = await load((env, events) => {
    events.webhook.post(() => ({
      commands: [create(env.tid("Main:A"), {}), exercise(env.tid("Main:A"), "#nope", "Go"), create(env.tid("Main:B"), {})],
      errorHandler: (failure) => void failures.push(failure),
      json: { accepted: true },
    }), { urlSuffix: "/go" });
  });
  await t.start();
  expect((await t.webhook("POST", "/go")).status).toBe(200);
  expect(failures).toHaveLength(1);
  expect(failures[0]).toMatchObject({ index: 1, command: { kind: "exercise", contractId: "#nope" }, notSent: [create(t.tid("Main:B"), {})] });
  expect(failures[0]?.error.message).toContain("contract #nope not found");
  expect(t.submitted().map((c) => c.kind)).toEqual(["create", "exercise"]);

  t.failNextCommand("over quota");
  await t.webhook("POST", "/go");
  expect(failures[1]).toMatchObject({ index: 0, error: { message: "over quota" } });
  expect((await t.status()).submissions).toMatchObject({ succeeded: 1, failed: 2, last_error: "over quota" });
});

test("a throwing handler is counted on its row; the log lines are kept", async () => {
  const t = await load((env, events) => {
    events.ledger.contractCreated("Main:Thing", () => {
      getIntegrationLogger().info("about to fail");
      throw new TypeError("boom");
    });
  });
  await t.start();
  t.ledger.createContract(t.tid("Main:Thing"), {});
  await t.settle();
  expect((await t.status()).ledger_events[0]).toMatchObject({ use_count: 1, error_count: 1, error_message: "TypeError('boom')" });
  expect(t.logs.join("")).toContain("[INFO] (integration) about to fail");
});

describe("a project directory: metadata, entrypoint and config as dit run reads them", () => {
  const hello = join(fixtures, "hello");
  const template = `${TEST_PACKAGE_ID}:Main:Greeting`;

  test("config values are checked against the fields; the entrypoint is the metadata's", async () => {
    const t = await load(hello, { config: { greeting: "hi", templateId: template }, party: "Bob" });
    t.ledger.createContract(template, { owner: "Bob" });
    await t.start();
    expect((await t.webhook("GET", "/hello")).body).toEqual({ greeting: "hi", party: "Bob", contracts: 1 });
    await t.webhook("POST", "/greet", { body: { text: "yo" } });
    expect(t.submitted()).toEqual([create(template, { owner: "Bob", text: "yo" })]);
  });

  test("an int_args.yaml path; field types coerce (number → number)", async () => {
    let delay: unknown;
    const t = await load({ root: join(fixtures, "relay"), entrypoint: (env) => void (delay = (env as unknown as { queueDelayMs: unknown }).queueDelayMs) },
      { config: "int_args.yaml", damlModel: { name: "m", version: "1.0.0", main_package_id: TEST_PACKAGE_ID } });
    expect(delay).toBe(0);
    expect(t.party).toBe("Alice");
    const again = await load({ root: join(fixtures, "relay"), entrypoint: (env) => void (delay = (env as unknown as { queueDelayMs: unknown }).queueDelayMs) },
      { config: { queueDelayMs: 2.5 } });
    expect(again).toBeDefined();
    expect(delay).toBe(2.5);
  });

  test("a missing required field, an unknown key, a bad number: the load fails and says why", async () => {
    await expect(testIntegration(hello, { config: { greeting: "hi" } })).rejects.toThrow(/required field "templateId"/);
    await expect(testIntegration(hello, { config: { greeting: "hi", templateId: template, colour: "red" } }))
      .rejects.toThrow(/"colour" is not a field of integration type "hello"/);
    await expect(testIntegration(join(fixtures, "relay"), { config: { queueDelayMs: "soon" } })).rejects.toThrow(/queueDelayMs/);
    await expect(testIntegration(fixtures)).rejects.toThrow(/no dit-meta.yaml/);
  });
});

test("load failures reject with the runtime's error; stop() restores the integration logger", async () => {
  await expect(testIntegration(() => { throw new Error("cannot start"); })).rejects.toMatchObject({ code: "entrypoint/failed" });
  const before = getIntegrationLogger();
  const t = await testIntegration(() => {});
  expect(getIntegrationLogger()).not.toBe(before);
  await t.start();
  await t.stop();
  expect(getIntegrationLogger()).toBe(before);
});

describe("the project's DARs on the test ledger", () => {
  test("a DAR in the project: its main package qualifies Mod:Ent, and '*' sees its templates", async () => {
    const root = mkdtempSync(join(tmpdir(), "dit-testing-dar-"));
    try {
      cpSync(join(fixtures, "relay"), root, { recursive: true, filter: (source) => !source.endsWith(".dar") });
      const b = new PackageBuilder({ name: "m", version: "1.0.0", lfMinor: "12" });
      b.module("Main").template("Note", { owner: T.party, text: T.text }, { signatories: (t) => E.list(T.party, [t.field("owner")]) });
      const { dar, packageId } = b.buildDar();
      writeFileSync(join(root, "model.dar"), dar);
      const all: string[] = [];
      const t = await load({ root, entrypoint: (_env, events) => void events.ledger.contractCreated("*", (e) => void all.push(e.templateId)) }, { config: { queueDelayMs: 0 } });
      expect(t.tid("Main:Note")).toBe(`${packageId}:Main:Note`);
      expect(await t.ledger.listPackages()).toEqual([packageId]);
      await t.start();
      t.ledger.createContract(`${packageId}:Main:Note`, { owner: "Alice", text: "x" });
      await t.settle();
      expect(all).toEqual([`${packageId}:Main:Note`]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
