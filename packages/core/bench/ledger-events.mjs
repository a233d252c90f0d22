// Ledger events per second: the dit runtime (stream supervisor → dispatcher → a contractCreated handler) against a
// bare @daml/ledger streamQueries consumer, both reading the same JSON API v1 stream of N creates (target ratio
// ≥ 0.95). The server is @dit/core's JSON API stand-in on 127.0.0.1 — no real ledger exists on this machine — so the
// ratio measures our overhead over @daml/ledger's own stream handling, not a ledger's throughput.
// Run after `pnpm build`. Bounded: N events per round (BENCH_EVENTS, default 5000), ROUNDS rounds each.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ledger } from "@daml/ledger";
import * as jtv from "@mojotech/json-type-validation";
import { IntegrationRuntime, JsonApiLedger, startJsonApiStandIn } from "../dist/index.js";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TEMPLATE = `${"0".repeat(64)}:Bench:Item`;
const TOKEN = "x.eyJodHRwczovL2RhbWwuY29tL2xlZGdlci1hcGkiOnsibGVkZ2VySWQiOiJzYW5kYm94IiwiYWN0QXMiOlsiQWxpY2UiXX19.x";
const deadline = (ms, what) => new Promise((_, fail) => setTimeout(() => fail(new Error(`${what}: no result in ${ms} ms`)), ms).unref());

/** Creates N contracts in the stand-in and resolves with the seconds until `seen()` reaches N. */
async function timeEvents(standIn, seen) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < EVENTS; i++) standIn.ledger.createContract(TEMPLATE, { owner: "Alice", n: String(i) });
  await Promise.race([seen(), deadline(60_000, "events")]);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function bare() {
  const standIn = await startJsonApiStandIn();
  try {
    const base = standIn.url.endsWith("/") ? standIn.url : `${standIn.url}/`;
    const ledger = new Ledger({ token: TOKEN, httpBaseUrl: base, wsBaseUrl: "ws" + base.slice(4) });
    const template = { templateId: TEMPLATE, decoder: jtv.unknownJson(), keyDecoder: jtv.unknownJson(), encode: (v) => v, keyEncode: (v) => v };
    let count = 0;
    let done;
    const all = new Promise((resolve) => (done = resolve));
    const stream = ledger.streamQueries(template, []);
    const live = new Promise((resolve) => stream.on("live", resolve));
    stream.on("change", (_state, events) => {
      for (const e of events) if ("created" in e && (count += 1) === EVENTS) done();
    });
    await Promise.race([live, deadline(10_000, "bare stream live")]);
    const seconds = await timeEvents(standIn, () => all);
    stream.close();
    return seconds;
  } finally {
    await standIn.close();
  }
}

async function runtime() {
  const standIn = await startJsonApiStandIn();
  const root = mkdtempSync(join(tmpdir(), "dit-bench-rt-"));
  try {
    let count = 0;
    let done;
    const all = new Promise((resolve) => (done = resolve));
    const type = { id: "bench", name: "Bench", description: "bench", entrypoint: "bench:integration", fields: [] };
    const loaded = await IntegrationRuntime.load({
      root, party: "Alice", damlModel: null,
      config: { typeId: "bench", type, values: {}, raw: {} },
      ledger: new JsonApiLedger({ url: standIn.url, token: TOKEN }),
      entrypoint: (_env, events) => {
        events.ledger.contractCreated(TEMPLATE, () => {
          if ((count += 1) === EVENTS) done();
        }, { sweep: false });
      },
    });
    if (!loaded.ok) throw new Error(loaded.error.message);
    const rt = loaded.runtime;
    rt.start();
    const started = Date.now();
    while (!rt.snapshot().running) {
      if (Date.now() - started > 10_000) throw new Error("runtime did not reach running");
      await new Promise((r) => setTimeout(r, 10));
    }
    const seconds = await timeEvents(standIn, () => all);
    await rt.shutdown(2000);
    return seconds;
  } finally {
    await standIn.close();
    rmSync(root, { recursive: true, force: true });
  }
}

const rows = [];
for (const [name, run] of [["bare @daml/ledger streamQueries", bare], ["dit runtime contractCreated", runtime]]) {
  await run(); // warm-up round
  const samples = [];
  for (let i = 0; i < ROUNDS; i++) samples.push(await run());
  const best = Math.min(...samples);
  rows.push({ name, events: EVENTS, rounds: ROUNDS, bestSeconds: best, eventsPerSecond: Math.round(EVENTS / best) });
}
const ratio = rows[1].eventsPerSecond / rows[0].eventsPerSecond;
console.log("| consumer | events | rounds | best s | events/s |");
console.log("|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.name} | ${r.events} | ${r.rounds} | ${r.bestSeconds.toFixed(3)} | ${r.eventsPerSecond} |`);
console.log(`ratio runtime/bare: ${ratio.toFixed(3)} (target ≥ 0.95; server: JSON API stand-in, not a ledger)`);
console.log(JSON.stringify({ server: "json-api-stand-in", results: rows, ratio, targetRatio: 0.95 }));
process.exit(0);
