// Ledger events per second on the REAL ledger (Daml Sandbox 1.13.1 + @dit/json-api): the dit runtime
// (IntegrationRuntime → contractCreated handler) against a bare @daml/ledger streamQueries consumer, on the same
// ledger and the same JSON API (issue target: ratio ≥ 0.95). The JSON API and the contract creator run in processes
// of their own, so only the consumer is in the measuring process. Two measurements per round:
//   snapshot — N contracts exist; time from start until the consumer has handled all N (runtime: load, start, its
//              sweep; bare: open streamQueries, its active contract set);
//   live     — the consumer is live; N contracts are created; time until it has handled all N.
// Bounded: BENCH_REAL_EVENTS (default 400) contracts per live round, BENCH_REAL_SNAPSHOT_EVENTS (2000) read per snapshot
// round, BENCH_REAL_ROUNDS (5) interleaved rounds after a warm-up; medians.
// Skipped (reported as such) where Java or Maven is missing.
import { fork, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(join(repo, "packages/core/package.json"));
const { default: Ledger } = require("@daml/ledger");
const jtv = require("@mojotech/json-type-validation");
const { startSandbox } = await import(join(repo, "scripts/real-ledger/sandbox.mjs"));
const { PackageBuilder, E, T } = await import(join(repo, "packages/daml-lf/dist/index.js"));
const { IntegrationRuntime, JsonApiLedger } = await import(join(repo, "packages/core/dist/index.js"));

const EVENTS = Number(process.env.BENCH_REAL_EVENTS ?? 400);
// The snapshot rounds all read one party's contracts (reading consumes nothing), so they can afford more of them.
const SNAPSHOT_EVENTS = Number(process.env.BENCH_REAL_SNAPSHOT_EVENTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_REAL_ROUNDS ?? 5);
const LEDGER_ID = "dit-bench";

let sandbox;
try {
  sandbox = await startSandbox({ ledgerId: LEDGER_ID });
} catch (error) {
  console.log(`skipped: the real ledger cannot start here (${String(error.message).split("\n")[0]})`);
  console.log(JSON.stringify({ skipped: true, reason: String(error.message).split("\n")[0] }));
  process.exit(0);
}
const api = await startJsonApiProcess(sandbox.address);
const part = (v) => Buffer.from(JSON.stringify(v)).toString("base64url");
const token = (actAs) => `${part({ alg: "HS256" })}.${part({ "https://daml.com/ledger-api": { ledgerId: LEDGER_ID, applicationId: "bench", actAs, readAs: actAs, admin: true } })}.x`;
const builder = new PackageBuilder({ name: "bench-model", version: "1.0.0", lfMinor: "12" });
builder.module("Bench").template("Item", { owner: T.party, n: T.int64 }, { signatories: (t) => E.list(T.party, [t.field("owner")]) });
const { dar, packageId } = builder.buildDar();
const TEMPLATE = `${packageId}:Bench:Item`;
const template = { templateId: TEMPLATE, sdkVersion: "2.10.4", decoder: jtv.unknownJson(), keyDecoder: jtv.unknownJson(), encode: (v) => v, keyEncode: (v) => v };
const admin = new Ledger({ token: token([]), httpBaseUrl: api.url });
await admin.uploadDarFile(dar);
const deadline = (ms, what) => new Promise((_, fail) => setTimeout(() => fail(new Error(`${what}: no result in ${ms} ms`)), ms).unref());
let roundNo = 0;

async function freshParty() {
  return (await admin.allocateParty({ identifierHint: `bench-${process.pid}-${++roundNo}` })).identifier;
}

async function startJsonApiProcess(ledger) {
  const portFile = join(tmpdir(), `dit-bench-json-api-${process.pid}.port`);
  rmSync(portFile, { force: true });
  const child = spawn(process.execPath, [join(repo, "packages/json-api/dist/main.js"), "--ledger", ledger, "--port", "0", "--port-file", portFile], { stdio: "ignore" });
  while (!existsSync(portFile) || !/^\d+\s*$/.test(readFileSync(portFile, "utf8"))) {
    if (child.exitCode !== null) throw new Error(`dit-json-api exited ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const port = Number(readFileSync(portFile, "utf8").trim());
  rmSync(portFile, { force: true });
  return { url: `http://127.0.0.1:${port}/`, close: async () => { child.kill("SIGTERM"); await new Promise((r) => child.once("exit", r)); } };
}

/** A creator process, ready to go: `run()` starts creating EVENTS contracts for the party and resolves when done. */
async function creator(party, count = EVENTS) {
  const child = fork(join(repo, "scripts/bench/create-items.mjs"), [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  await new Promise((r) => child.once("message", r));
  return {
    run: () => new Promise((resolve) => {
      child.once("message", (m) => { child.kill(); resolve(m.done); });
      child.send({ go: { url: api.url, token: token([party]), templateId: TEMPLATE, owner: party, count } });
    }),
  };
}

async function createItems(party, count) {
  await (await creator(party, count)).run();
}

/** A counter that resolves when it reaches n. */
function counter(n) {
  let count = 0;
  let done;
  const all = new Promise((r) => (done = r));
  return { add: (k = 1) => ((count += k) >= n && done()), all };
}

async function bare(party, mode) {
  const ledger = new Ledger({ token: token([party]), httpBaseUrl: api.url });
  const c = counter(mode === "live" ? EVENTS : SNAPSHOT_EVENTS);
  const start = process.hrtime.bigint();
  const stream = ledger.streamQueries(template, []);
  stream.on("change", (_s, events) => c.add(events.filter((e) => "created" in e).length));
  if (mode === "live") {
    await Promise.race([new Promise((r) => stream.on("live", r)), deadline(30_000, "bare live")]);
    const load = await creator(party);
    const t0 = process.hrtime.bigint();
    void load.run();
    await Promise.race([c.all, deadline(120_000, "bare events")]);
    stream.close();
    return Number(process.hrtime.bigint() - t0) / 1e9;
  }
  await Promise.race([c.all, deadline(120_000, "bare snapshot")]);
  stream.close();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function runtime(party, mode) {
  const root = mkdtempSync(join(tmpdir(), "dit-bench-real-"));
  const c = counter(mode === "live" ? EVENTS : SNAPSHOT_EVENTS);
  const type = { id: "bench", name: "Bench", description: "bench", entrypoint: "bench:integration", fields: [] };
  const start = process.hrtime.bigint();
  const loaded = await IntegrationRuntime.load({
    root, party, damlModel: null, config: { typeId: "bench", type, values: {}, raw: {} },
    ledger: new JsonApiLedger({ url: api.url, token: token([party]) }),
    entrypoint: (_env, events) => void events.ledger.contractCreated(TEMPLATE, () => void c.add(), { sweep: mode === "snapshot" }),
  });
  if (!loaded.ok) throw new Error(loaded.error.message);
  const rt = loaded.runtime;
  rt.start();
  try {
    if (mode === "live") {
      while (!rt.snapshot().running) await new Promise((r) => setTimeout(r, 5));
      const load = await creator(party);
      const t0 = process.hrtime.bigint();
      void load.run();
      await Promise.race([c.all, deadline(120_000, "runtime events")]);
      return Number(process.hrtime.bigint() - t0) / 1e9;
    }
    await Promise.race([c.all, deadline(120_000, "runtime sweep")]);
    return Number(process.hrtime.bigint() - start) / 1e9;
  } finally {
    await rt.shutdown(2000);
    rmSync(root, { recursive: true, force: true });
  }
}

const results = [];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  for (const mode of ["snapshot", "live"]) {
    // Interleaved rounds (bare, dit, bare, dit, …), so drifting machine load hits both alike; round 0 warms up.
    const consumers = [["bare @daml/ledger streamQueries", bare, []], ["dit runtime contractCreated", runtime, []]];
    const reader = mode === "snapshot" ? await freshParty() : undefined;
    if (reader) await createItems(reader, SNAPSHOT_EVENTS);
    for (let i = 0; i <= ROUNDS; i++) {
      for (const [, run, samples] of consumers) {
        const seconds = await run(reader ?? (await freshParty()), mode);
        if (i > 0) samples.push(seconds);
      }
    }
    for (const [name, , samples] of consumers) {
      const m = median(samples);
      const events = mode === "live" ? EVENTS : SNAPSHOT_EVENTS;
      results.push({ mode, name, events, rounds: ROUNDS, medianSeconds: m, minSeconds: Math.min(...samples), maxSeconds: Math.max(...samples), eventsPerSecond: Math.round(events / m) });
    }
  }
} finally {
  await api.close();
  await sandbox.stop();
}
const ratio = (mode) => results.find((r) => r.mode === mode && r.name.startsWith("dit")).eventsPerSecond / results.find((r) => r.mode === mode && r.name.startsWith("bare")).eventsPerSecond;
console.log("| mode | consumer | events | rounds | median s (min–max) | events/s (median) |");
console.log("|---|---|---|---|---|---|");
for (const r of results) console.log(`| ${r.mode} | ${r.name} | ${r.events} | ${r.rounds} | ${r.medianSeconds.toFixed(3)} (${r.minSeconds.toFixed(3)}–${r.maxSeconds.toFixed(3)}) | ${r.eventsPerSecond} |`);
console.log(`ratio runtime/bare: snapshot ${ratio("snapshot").toFixed(3)}, live ${ratio("live").toFixed(3)} (target ≥ 0.95; ledger: Daml Sandbox 1.13.1 via @dit/json-api)`);
console.log(JSON.stringify({ server: "daml-sandbox-1.13.1+dit-json-api", results, ratios: { snapshot: ratio("snapshot"), live: ratio("live") }, targetRatio: 0.95 }));
process.exit(0);
