// Host benchmark: req/s of a PUBLIC webhook and of a JWT-protected (INTEGRATION_PARTY, RS256) webhook, each against a
// bare Fastify route, on keep-alive connections from a small raw-socket load generator (no HTTP client overhead to
// speak of). Each server runs in its own process. Bounded: BENCH_HOST_SECONDS (default 5) one-second rounds per case plus a 0.5 s warm-up.
// Targets: public/bare ≥ 0.9, jwt/bare ≥ 0.5. Needs the built package (pnpm build).
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { Buffer } from "node:buffer";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";

const seconds = Number(process.env.BENCH_HOST_SECONDS ?? 5);
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

// All servers run at once and are loaded in turn, one second each, for `seconds` rounds: machine noise (other
// processes, CPU frequency) then hits every case alike, and each round's ratio compares neighbours in time.
const kinds = ["bare", "bare-routes", "public", "public-quiet", "jwt", "jwt-uncached"];
const servers = {};
for (const kind of kinds) servers[kind] = await startServer(kind);
const headersOf = (kind) => (servers[kind].token ? `Authorization: Bearer ${servers[kind].token}\r\n` : "");
const path = "/integration/bench/hook";
const rounds = Object.fromEntries(kinds.map((kind) => [kind, []]));
try {
  for (const kind of kinds) await load(servers[kind].port, path, headersOf(kind), 500); // warm-up (JIT, JWKS fetch)
  for (let round = 0; round < seconds; round++) {
    for (const kind of kinds) {
      const result = await load(servers[kind].port, path, headersOf(kind), 1000);
      if (Object.keys(result.statuses).some((status) => status !== "200")) {
        throw new Error(`${kind}: non-200 answers ${JSON.stringify(result.statuses)}`);
      }
      rounds[kind].push(result.rps);
    }
  }
} finally {
  for (const kind of kinds) servers[kind].child.kill();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ratioOf = (kind, base) => median(rounds[kind].map((rps, i) => rps / rounds[base][i]));
const row = (name, kind, target) => ({ name, case: kind, rps: Math.round(median(rounds[kind])), ratio: Number(ratioOf(kind, "bare").toFixed(3)),
  ratioToSameRoutes: Number(ratioOf(kind, "bare-routes").toFixed(3)), target, rounds: rounds[kind].map(Math.round) });
const table = [
  row("bare Fastify route (one-route app)", "bare", undefined),
  row("bare Fastify route (app with the host's 13 routes)", "bare-routes", undefined),
  row("PUBLIC webhook (host, access log on)", "public", 0.9),
  row("PUBLIC webhook (host, access log off: for comparison only)", "public-quiet", undefined),
  row("INTEGRATION_PARTY webhook, RS256 JWT (verified-token cache on, the default)", "jwt", 0.5),
  row("INTEGRATION_PARTY webhook, RS256 JWT (cache off: signature check per request)", "jwt-uncached", undefined),
];
console.log(`| host benchmark (${seconds} rounds of 1 s per case, ${connections} connections) | median req/s | ratio to bare | ratio to bare, same routes | target (vs bare) |`);
console.log("|---|---|---|---|---|");
for (const r of table) {
  console.log(`| ${r.name} | ${r.rps} | ${r.ratio.toFixed(3)} | ${r.ratioToSameRoutes.toFixed(3)} | ${r.target === undefined ? "" : `≥ ${r.target}`} |`);
}
console.log(JSON.stringify({ bench: "core-host", node: process.version, rounds: seconds, connections, results: table }));
