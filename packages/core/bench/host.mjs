// Host benchmark: req/s of a PUBLIC webhook and of a JWT-protected (INTEGRATION_PARTY, RS256) webhook, each against a
// bare Fastify route, on keep-alive connections from a small raw-socket load generator (no HTTP client overhead to
// speak of). Each server runs in its own process. Bounded: BENCH_HOST_ROUNDS (default 10) rounds of BENCH_HOST_ROUND_MS
// (default 500) per case plus a 0.5 s warm-up each: about 40 s for the seven cases.
// Targets: public/bare ≥ 0.9, jwt/bare ≥ 0.5. Needs the built package (pnpm build).
import { execFile, fork, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { Buffer } from "node:buffer";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";

// The load generator: wrk (C, one thread; `apt-get install wrk`) when it is on PATH, else the raw-socket one below.
// BENCH_HOST_LOADER=wrk|sockets chooses. wrk's rounds are whole seconds.
const loader = process.env.BENCH_HOST_LOADER ?? (spawnSync("wrk", ["--version"]).error ? "sockets" : "wrk");
const rounds = Number(process.env.BENCH_HOST_ROUNDS ?? process.env.BENCH_HOST_SECONDS ?? 10);
const roundMs = loader === "wrk" ? Math.max(1000, Math.round(Number(process.env.BENCH_HOST_ROUND_MS ?? 1000) / 1000) * 1000)
  : Number(process.env.BENCH_HOST_ROUND_MS ?? 500);
const connections = Number(process.env.BENCH_HOST_CONNECTIONS ?? 32);
if (!existsSync(fileURLToPath(new URL("../dist/host/index.js", import.meta.url)))) {
  console.error("packages/core/dist is missing: run `pnpm build` first");
  process.exit(1);
}

function startServer(kind) {
  const child = fork(fileURLToPath(new URL("host-server.mjs", import.meta.url)), [kind], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (message) => resolve({ child, ...message }));
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

/** Sequential GETs on each of `connections` sockets until the deadline; counts complete responses by status. */
function load(port, path, headers, ms) {
  const request = Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${headers}\r\n`);
  const deadline = Date.now() + ms;
  const statuses = {};
  let count = 0;
  const started = process.hrtime.bigint();
  const one = () => new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    const next = () => { if (Date.now() >= deadline) { socket.end(); resolve(); } else socket.write(request); };
    socket.on("connect", next);
    socket.on("data", (chunk) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString("latin1");
        const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        const status = head.slice(9, 12);
        statuses[status] = (statuses[status] ?? 0) + 1;
        count += 1;
        buffer = buffer.subarray(end + 4 + length);
        next();
      }
    });
    socket.on("error", resolve);
    socket.on("close", resolve);
  });
  return Promise.all(Array.from({ length: connections }, one)).then(() => {
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    return { requests: count, seconds: elapsed, rps: count / elapsed, statuses };
  });
}

/** The same measurement with wrk: `Requests/sec` and the count of non-2xx answers from its summary. */
function loadWithWrk(port, path, headers, ms) {
  const args = ["-t1", `-c${connections}`, `-d${Math.round(ms / 1000)}s`, `http://127.0.0.1:${port}${path}`];
  for (const line of headers.split("\r\n").filter(Boolean)) args.push("-H", line);
  return new Promise((resolve, reject) => execFile("wrk", args, { timeout: ms + 30_000 }, (error, stdout) => {
    if (error) return reject(error);
    const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
    resolve({ requests, seconds: ms / 1000, rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? 0),
      statuses: non2xx > 0 ? { "200": requests - non2xx, other: non2xx } : { "200": requests } });
  }));
}
const measure = loader === "wrk" ? loadWithWrk : load;

// All servers run at once and are loaded in turn, `roundMs` each, for `rounds` rounds; the order rotates every round so
// that no case always follows the same neighbour. Machine noise (other processes, CPU frequency) then hits every case
// alike, and each round's ratio compares neighbours in time. Besides req/s, each server reports the CPU time it spent
// per request (user + system, from process.cpuUsage over IPC), which is much less sensitive to other load.
const kinds = ["bare", "bare-warm", "bare-routes", "public", "public-quiet", "jwt", "jwt-uncached"];
const servers = {};
for (const kind of kinds) servers[kind] = await startServer(kind);
const headersOf = (kind) => (servers[kind].token ? `Authorization: Bearer ${servers[kind].token}\r\n` : "");
const cpuOf = (kind) => new Promise((resolve) => {
  servers[kind].child.once("message", (message) => resolve(message.cpu));
  servers[kind].child.send("cpu");
});
const path = "/integration/bench/hook";
const rps = Object.fromEntries(kinds.map((kind) => [kind, []]));
const cpu = Object.fromEntries(kinds.map((kind) => [kind, []]));
try {
  for (const kind of kinds) await measure(servers[kind].port, path, headersOf(kind), loader === "wrk" ? 1000 : 500); // warm-up (JIT, JWKS fetch)
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < kinds.length; i++) {
      const kind = kinds[(i + round) % kinds.length];
      const before = await cpuOf(kind);
      const result = await measure(servers[kind].port, path, headersOf(kind), roundMs);
      const after = await cpuOf(kind);
      if (Object.keys(result.statuses).some((status) => status !== "200")) {
        throw new Error(`${kind}: non-200 answers ${JSON.stringify(result.statuses)}`);
      }
      rps[kind].push(result.rps);
      cpu[kind].push((after.user - before.user + after.system - before.system) / result.requests);
    }
  }
} finally {
  for (const kind of kinds) servers[kind].child.kill();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ratios = (kind, base) => rps[kind].map((value, i) => value / rps[base][i]);
const summary = (values) => ({ median: Number(median(values).toFixed(3)), min: Number(Math.min(...values).toFixed(3)),
  max: Number(Math.max(...values).toFixed(3)) });
const row = (name, kind, target) => ({
  name, case: kind, target, rps: Math.round(median(rps[kind])), cpuMicrosPerRequest: Number(median(cpu[kind]).toFixed(2)),
  ratio: summary(ratios(kind, "bare")), ratioToWarm: summary(ratios(kind, "bare-warm")),
  ratioToSameRoutes: summary(ratios(kind, "bare-routes")), rounds: rps[kind].map(Math.round),
});
const table = [
  row("bare Fastify route (one-route app, fresh process)", "bare", undefined),
  row("bare Fastify route (one-route app, nextTick warmed: see host-server.mjs)", "bare-warm", undefined),
  row("bare Fastify route (app with the host's 13 routes)", "bare-routes", undefined),
  row("PUBLIC webhook (host, access log on)", "public", 0.9),
  row("PUBLIC webhook (host, access log off: for comparison only)", "public-quiet", undefined),
  row("INTEGRATION_PARTY webhook, RS256 JWT (verified-token cache on, the default)", "jwt", 0.5),
  row("INTEGRATION_PARTY webhook, RS256 JWT (cache off: signature check per request)", "jwt-uncached", undefined),
];
const cell = (s) => `${s.median.toFixed(3)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
console.log(`| host benchmark (${loader === "wrk" ? "wrk -t1" : "raw sockets"}, ${rounds} rounds of ${roundMs} ms per case, ${connections} connections) | median req/s | server CPU µs/req | ` +
  "ratio to bare (min–max) | ratio to bare-warm | ratio to bare, same routes | target (vs bare) |");
console.log("|---|---|---|---|---|---|---|");
for (const r of table) {
  console.log(`| ${r.name} | ${r.rps} | ${r.cpuMicrosPerRequest.toFixed(1)} | ${cell(r.ratio)} | ${cell(r.ratioToWarm)} | ` +
    `${cell(r.ratioToSameRoutes)} | ${r.target === undefined ? "" : `≥ ${r.target}`} |`);
}
console.log(JSON.stringify({ bench: "core-host", node: process.version, loader, rounds, roundMs, connections, results: table }));
