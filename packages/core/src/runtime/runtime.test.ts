// Runtime behaviour on an in-memory ledger stand-in with a manual clock (no real ledger exists on this machine).
import { describe, expect, test } from "vitest";
import { LedgerError } from "../ledger/types.js";
import { create, exercise } from "./commands.js";
import type { ContractArchiveEvent, ContractCreateEvent, TransactionEvent } from "./events.js";
import { IntegrationRuntime } from "./runtime.js";
import { harness, PKG, testConfig } from "./testing/harness.js";
import { flush } from "./testing/manual-clock.js";
import { MemoryLedger } from "../ledger/testing/memory-ledger.js";

const T = `${PKG}:Main:Asset`;
const U = `${PKG}:Main:Other`;

describe("startup order and sweep/flow (bug 7 fixed)", () => {
  test("init → sweeps (initial) → ready → flow, no contract both swept and flowed", async () => {
    const ledger = new MemoryLedger();
    const before = ledger.createContract(T, { n: "1" });
    const seen: string[] = [];
    const h = await harness((_env, events) => {
      events.ledger.init(() => void seen.push("init"));
      events.ledger.ready(() => void seen.push("ready"));
      events.ledger.contractCreated("Main:Asset", (e) => void seen.push(`created ${e.cid} initial=${e.initial}`));
    }, { ledger });
    h.runtime.start();
    await h.settle();
    ledger.createContract(T, { n: "2" });
    await h.settle();
    expect(seen).toEqual(["init", `created ${before.contractId} initial=true`, "ready", "created #2:0 initial=false"]);
    expect(h.runtime.snapshot()).toMatchObject({ running: true, ready: true, ledger: { state: "connected", offset: "00000002" } });
  });

  test("flow arriving during the sweeps waits until ready; sweep=false and match", async () => {
    const ledger = new MemoryLedger();
    ledger.createContract(T, { n: "1" });
    ledger.createContract(T, { n: "2" });
    const seen: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = await harness((_env, events) => {
      events.ledger.contractCreated(T, async (e) => {
        seen.push(`a ${String(e.cdata.n)} ${e.initial}`);
        if (e.initial) await gate;
      }, { match: { n: "1" } });
      events.ledger.contractCreated(T, (e) => void seen.push(`b ${String(e.cdata.n)}`), { sweep: false, match: (p) => p.n !== "1" });
      events.ledger.ready(() => void seen.push("ready"));
    }, { ledger });
    h.runtime.start();
    await h.settle();
    ledger.createContract(T, { n: "1" });
    await h.settle();
    expect(seen).toEqual(["a 1 true"]);
    release();
    await h.settle();
    expect(seen).toEqual(["a 1 true", "ready", "a 1 false"]);
  });
});

describe("transactions and archives (bugs 1, 2, 15 fixed)", () => {
  test("start/end events per offset, distinct archive events, archive match against the remembered payload", async () => {
    const ledger = new MemoryLedger();
    const seen: unknown[] = [];
    const h = await harness((_env, events) => {
      events.ledger.transactionStart((tx: TransactionEvent) => void seen.push([tx.kind, tx.offset, tx.commandId, tx.contractEvents.map((e) => e.kind)]));
      events.ledger.contractArchived(T, (e: ContractArchiveEvent) => void seen.push(["archived", e.cid, e.cdata]), { match: { owner: "Bob" } });
      events.ledger.transactionEnd((tx) => void seen.push([tx.kind, tx.offset]));
    }, { ledger });
    ledger.packages.clear();
    h.runtime.start();
    await h.settle();
    const bob = ledger.createContract(T, { owner: "Bob" });
    const carol = ledger.createContract(T, { owner: "Carol" });
    await h.settle();
    seen.length = 0;
    ledger.commit([{ archived: { contractId: bob.contractId, templateId: T } }, { archived: { contractId: carol.contractId, templateId: T } }]);
    await h.settle();
    expect(seen).toEqual([
      ["transactionStart", "00000003", null, ["archived", "archived"]],
      ["archived", bob.contractId, { owner: "Bob" }],
      ["transactionEnd", "00000003"],
    ]);
  });

  test("each handler is serial; different handlers interleave", async () => {
    const ledger = new MemoryLedger();
    const log: string[] = [];
    const gates: Array<() => void> = [];
    const h = await harness((_env, events) => {
      events.ledger.contractCreated(T, async (e: ContractCreateEvent) => {
        log.push(`slow start ${e.cid}`);
        await new Promise<void>((r) => gates.push(r));
        log.push(`slow end ${e.cid}`);
      });
      events.ledger.contractCreated(T, (e) => void log.push(`fast ${e.cid}`));
    }, { ledger });
    h.runtime.start();
    await h.settle();
    ledger.createContract(T, {});
    ledger.createContract(T, {});
    await h.settle();
    expect(log).toEqual(["slow start #1:0", "fast #1:0", "fast #2:0"]);
    gates.shift()?.();
    await h.settle();
    expect(log.slice(3)).toEqual(["slow end #1:0", "slow start #2:0"]);
  });
});

describe("stream loss", () => {
  test("reconnect with back-off resumes from the last offset: nothing lost, nothing twice", async () => {
    const ledger = new MemoryLedger();
    const seen: string[] = [];
    const h = await harness((_env, events) => {
      events.ledger.contractCreated(T, (e) => void seen.push(`c ${e.cid}`));
      events.ledger.contractArchived(T, (e) => void seen.push(`a ${e.cid}`));
    }, { ledger });
    h.runtime.start();
    await h.settle();
    const first = ledger.createContract(T, {});
    await h.settle();
    ledger.dropStreams();
    expect(h.runtime.snapshot().ledger.state).toBe("reconnecting");
    // Changes while disconnected are delivered after the reconnect, once.
    ledger.createContract(T, {});
    ledger.archiveContract(first.contractId);
    await h.clock.advance(100);
    expect(ledger.streamsOpened).toBe(2);
    expect(seen).toEqual(["c #1:0", "c #2:0", "a #1:0"]);
    expect(h.runtime.snapshot().ledger).toEqual({ state: "connected", offset: "00000003", error: null });
  });

  test("a reconnect without an offset (empty ledger at start) reconciles the active set", async () => {
    const ledger = new MemoryLedger();
    const seen: string[] = [];
    const h = await harness((_env, events) => {
      events.ledger.contractCreated(T, (e) => void seen.push(`c ${e.cid} ${e.initial}`));
    }, { ledger });
    h.runtime.start();
    await h.settle();
    ledger.dropStreams();
    ledger.createContract(T, {});
    await h.clock.advance(100);
    ledger.dropStreams();
    await h.clock.advance(200);
    expect(seen).toEqual(["c #1:0 false"]);
  });

  test("down beyond the give-up window: exit 9", async () => {
    const ledger = new MemoryLedger();
    const h = await harness((_env, events) => void events.ledger.contractCreated(T, () => {}), { ledger });
    h.runtime.start();
    await h.settle();
    ledger.stream = (_req, observer) => {
      queueMicrotask(() => observer.closed({ code: 1006, reason: "refused" }));
      return { close: () => {} };
    };
    ledger.dropStreams();
    for (let i = 0; i < 100; i++) await h.clock.advance(1000);
    await expect(h.runtime.exit).resolves.toMatchObject({ code: 9 });
    expect(h.runtime.snapshot().error_message).toMatch(/stream is down/);
  });
});

describe("submission (stop on first failure, errorHandler, status)", () => {
  test("commands in order; the first failure stops the rest and is counted", async () => {
    const ledger = new MemoryLedger();
    ledger.failures.push(new LedgerError("ledger/rejected", "CONTRACT_NOT_FOUND", 404));
    const failures: unknown[] = [];
    const h = await harness((_env, events) => {
      events.ledger.ready(() => ({
        commands: [create(U, { a: 1 }), exercise(U, "#9:0", "Go"), create(U, { a: 3 })],
        errorHandler: (f) => void failures.push([f.index, f.error.message, f.notSent.length]),
      }));
    }, { ledger });
    ledger.beforeCommand = (call) => {
      if (call.kind === "create" && ledger.commands.length === 1) ledger.failures.splice(0);
      if (call.kind === "exercise") ledger.failures.push(new LedgerError("ledger/rejected", "CONTRACT_NOT_FOUND", 404));
    };
    h.runtime.start();
    await h.settle();
    expect(ledger.commands.map((c) => c.kind)).toEqual(["create", "exercise"]);
    expect(failures).toEqual([[1, "CONTRACT_NOT_FOUND", 1]]);
    const s = h.runtime.snapshot();
    expect(s.submissions).toMatchObject({ succeeded: 1, failed: 1, last_error: "CONTRACT_NOT_FOUND" });
    expect(s.ledger_events[0]).toMatchObject({ label: "Ledger Ready", command_count: 3, use_count: 1, error_count: 0 });
  });

  test("no answer: resent with the same command id; a duplicate refusal of the resend means it committed", async () => {
    const ledger = new MemoryLedger();
    // First command: committed, but its answer is lost. Second: unreachable before committing, then fine.
    ledger.failuresAfterCommit.push(new LedgerError("ledger/unreachable", "JSON API unreachable: socket hang up"));
    const failures: string[] = [];
    const h = await harness((_env, events) => {
      events.ledger.ready(() => ({ commands: [create(U, { a: 1 }), create(U, { a: 2 })], errorHandler: (f) => void failures.push(f.error.message) }));
    }, { ledger });
    ledger.beforeCommand = (call) => {
      if ((call.payload as { a: number }).a === 2 && ledger.commands.filter((c) => (c.payload as { a: number }).a === 2).length === 1) {
        ledger.failures.push(new LedgerError("ledger/unreachable", "JSON API unreachable: ECONNREFUSED"));
      }
    };
    h.runtime.start();
    await h.settle();
    for (let i = 0; i < 4; i++) {
      await h.clock.advance(1000);
      await h.settle();
    }
    const ids = ledger.commands.map((c) => [(c.payload as { a: number }).a, c.commandId]);
    expect(ids).toHaveLength(4);
    expect(ids[0]?.[1]).toBe(ids[1]?.[1]); // the resend of command 1 has its id
    expect(ids[2]?.[1]).toBe(ids[3]?.[1]);
    expect(ids[0]?.[1]).not.toBe(ids[2]?.[1]);
    expect([...ledger.active.values()].map((c) => c.payload)).toEqual([{ a: 1 }, { a: 2 }]); // each committed once
    expect(failures).toEqual([]);
    expect(h.runtime.snapshot().submissions).toMatchObject({ succeeded: 2, failed: 0 });
  });

  test("a refusal with an answer (e.g. 404) is not resent", async () => {
    const ledger = new MemoryLedger();
    ledger.failures.push(new LedgerError("ledger/rejected", "CONTRACT_NOT_FOUND", 404));
    const h = await harness((_env, events) => void events.ledger.ready(() => exercise(U, "#1:0", "Go")), { ledger });
    h.runtime.start();
    await h.settle();
    await h.clock.advance(5000);
    await h.settle();
    expect(ledger.commands).toHaveLength(1);
    expect(h.runtime.snapshot().submissions).toMatchObject({ failed: 1 });
  });

  test("commandTimeout: later commands are not sent", async () => {
    const ledger = new MemoryLedger();
    let hold!: () => void;
    ledger.beforeCommand = () => new Promise<void>((r) => (hold = r));
    const failures: string[] = [];
    const h = await harness((_env, events) => {
      events.ledger.init(() => ({ commands: [create(U, {}), create(U, {})], commandTimeout: 2,
        errorHandler: (f) => void failures.push(f.error.message) }));
    }, { ledger });
    h.runtime.start();
    await h.settle();
    await h.clock.advance(2000);
    hold();
    await h.settle();
    expect(failures).toEqual(["command submission did not complete within 2 s"]);
    expect(ledger.commands).toHaveLength(1);
  });

  test("a handler error is counted on its row and the process continues", async () => {
    const h = await harness((_env, events) => {
      events.ledger.init(() => {
        throw new TypeError("boom");
      });
    });
    h.runtime.start();
    await h.settle();
    expect(h.runtime.snapshot()).toMatchObject({ running: true, ledger_events: [{ error_count: 1, error_message: "TypeError('boom')" }] });
  });
});

describe("timers and the work queue", () => {
  test("default label; overruns skipped, not queued (bug 6)", async () => {
    let runs = 0;
    let release!: () => void;
    const h = await harness((_env, events) => {
      events.time.periodicInterval(1, async () => {
        runs++;
        await new Promise<void>((r) => (release = r));
      });
    });
    h.runtime.start();
    await h.clock.advance(1000);
    expect(runs).toBe(1);
    await h.clock.advance(5000);
    expect(runs).toBe(1);
    release();
    await h.clock.advance(1000);
    expect(runs).toBe(2);
    const s = h.runtime.snapshot();
    expect(s.timers[0]).toMatchObject({ label: "Periodic Interval (1s)", use_count: 2 });
    expect(s.event_queue).toMatchObject({ queue_size: 512, total_events: 2, skipped_events: 0 });
  });

  test("one global serial worker; skip-on-full counted and raised to the caller", async () => {
    const order: string[] = [];
    let put!: (m: unknown, q?: string) => Promise<void>;
    let release!: () => void;
    const h = await harness((env, events) => {
      put = env.queue.put;
      events.queue.message(async (m) => {
        order.push(`a ${String(m)}`);
        if (m === 1) await new Promise<void>((r) => (release = r));
      });
      events.queue.message((m) => void order.push(`b ${String(m)}`), { queueName: "b" });
    }, { queueSize: 2 });
    h.runtime.start();
    await put(1);
    await h.settle();
    await put(2, "b");
    await put(3);
    await expect(put(4)).rejects.toMatchObject({ code: "queue/full" });
    await expect(put(5, "nope")).rejects.toThrow("Unknown queue: nope (valid: ['default', 'b'])");
    release();
    await h.settle();
    expect(order).toEqual(["a 1", "b 2", "a 3"]);
    expect(h.runtime.snapshot().event_queue).toEqual({ queue_size: 2, total_events: 4, pending_events: 0, skipped_events: 1 });
  });

  test("shutdown drains the queue and exits 0", async () => {
    let put!: (m: unknown) => Promise<void>;
    const done: unknown[] = [];
    const h = await harness((env, events) => {
      put = env.queue.put;
      events.queue.message(async (m) => void done.push(m));
    });
    h.runtime.start();
    await put(1);
    await put(2);
    await h.runtime.shutdown(1000);
    expect(done).toEqual([1, 2]);
    await expect(h.runtime.exit).resolves.toMatchObject({ code: 0 });
  });
});

describe("registration and load", () => {
  test("late registration is a clear error", async () => {
    let late!: () => void;
    await harness((_env, events) => {
      late = () => events.ledger.init(() => {});
    });
    expect(late).toThrow(/called after the entrypoint returned/);
  });

  test("Mod:Ent without a Daml model fails the load with the original's message", async () => {
    const loaded = await IntegrationRuntime.load({
      root: "/x", config: testConfig(), damlModel: null, party: "Alice", ledger: new MemoryLedger(),
      entrypoint: (_env, events) => void events.ledger.contractCreated("Main:Asset", () => {}),
    });
    expect(loaded).toMatchObject({ ok: false, error: { code: "template/no-default-model" } });
    if (!loaded.ok) expect(loaded.status.snapshot().error_message).toMatch(/^RuntimeError\('No default model known/);
  });

  test("env: party, config fields, tid(); a bad return value fails the load", async () => {
    let seen: Record<string, unknown> = {};
    await harness((env) => {
      seen = { party: env.party, n: (env as unknown as { n: number }).n, tid: env.tid("M:T"), config: env.config };
    }, { config: testConfig({ n: 3 }) });
    expect(seen).toEqual({ party: "Alice", n: 3, tid: `${PKG}:M:T`, config: { n: 3 } });
    const bad = await IntegrationRuntime.load({ root: "/x", config: testConfig(), damlModel: null, party: "A", ledger: new MemoryLedger(),
      entrypoint: (() => 42) as never });
    expect(bad).toMatchObject({ ok: false, error: { code: "entrypoint/bad-return" } });
  });
});

describe("webhooks", () => {
  test("route shape, commands submitted before the reply, handler errors throw (500)", async () => {
    const ledger = new MemoryLedger();
    const h = await harness((_env, events) => {
      events.webhook.post(() => ({ commands: [create(U, {})], json: { ok: true } }), { urlSuffix: "/go", label: "Go" });
      events.webhook.get(() => {
        throw new Error("no");
      });
    }, { ledger });
    const [post, get] = h.runtime.webhooks();
    const request = { method: "POST" as const, url: "/", params: {}, query: {}, headers: {}, body: undefined, claims: undefined };
    await expect(post?.handle(request)).resolves.toMatchObject({ status: 200, body: '{"ok": true}\n' });
    expect(ledger.commands).toHaveLength(1);
    await expect(get?.handle({ ...request, method: "GET" })).rejects.toThrow("no");
    expect(h.runtime.snapshot().webhooks).toMatchObject([
      { index: 0, label: "Go", url_path: "/integration/{integration_id}/go", method: "post", command_count: 1 },
      { index: 1, label: null, url_path: "/integration/{integration_id}", method: "get", error_count: 1 },
    ]);
    await flush();
  });
});
