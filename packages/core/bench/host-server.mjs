// One server of the host benchmark, in its own process so that the load generator does not share its core.
/* global Response */
// argv[2]: bare | bare-warm | bare-routes | public | public-quiet | jwt | jwt-uncached. Sends { port, token? } to the
// parent over IPC, and answers "cpu" messages with process.cpuUsage().
import { pino } from "pino";
import Fastify from "fastify";
import { SignJWT, exportJWK, generateKeyPair } from "jose";

const dist = new URL("../dist/host/index.js", import.meta.url);
const kind = process.argv[2];
const PARTY = "Bench::1220";
let app;
let token;

if (kind === "bare" || kind === "bare-warm" || kind === "bare-routes") {
  // bare-warm: the same one-route app in a process that has called process.nextTick with a few kinds of callbacks
  // before listening, as any real server process (and the host's, and bare-routes') has. Node's nextTick builds its
  // queue entry with an object literal whose inline cache goes megamorphic, for the rest of the process, once it has
  // seen enough callback kinds; Node's HTTP and stream code then pays that on each of its ~8 nextTicks per request.
  // The pristine one-route process never gets there: that, not route lookup, is why any third route (a POST, or a
  // GET with its HEAD twin) made `bare` about a fifth slower. See the README.
  if (kind === "bare-warm") warmNextTick();
  app = Fastify();
  app.get("/integration/:integrationId/hook", async (_request, reply) => reply.code(200).send("ok"));
  // bare-routes: plain Fastify with the host's route table (trivial handlers).
  if (kind === "bare-routes") {
    for (const prefix of ["", "/integration/:integrationId"]) {
      for (const name of ["healthz", "status", "readyz"]) app.get(`${prefix}/${name}`, async () => "x");
      app.post(`${prefix}/log-level`, async () => "x");
    }
    app.get("/metrics", async () => "x");
  }
} else {
  const host = await import(dist.href);
  // Default level 0 and the default text format: the access log writes one line per webhook request, as in production.
  const logger = host.createLogging({ destination: pino.destination({ dest: "/dev/null", sync: true }) });
  // public-quiet: the same app with the access logger above INFO, to show what the access log costs.
  if (kind === "public-quiet") logger.access.level = "warn";
  const isPublic = kind.startsWith("public");
  const auth = isPublic ? "DABL_PUBLIC" : "DABL_INTEGRATION_PARTY";
  let options = {};
  if (!isPublic) {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: "bench", alg: "RS256" }] };
    const fetch = async () => new Response(JSON.stringify(jwks), { headers: { "content-type": "application/json" } });
    token = await new SignJWT({ "https://daml.com/ledger-api": { ledgerId: "cloudbox", actAs: [PARTY], readAs: [PARTY] } })
      .setProtectedHeader({ alg: "RS256", kid: "bench" }).setExpirationTime("1h").sign(privateKey);
    options = kind === "jwt-uncached"
      ? { authorizer: host.createAuthorizer({ jwksUrl: "http://jwks.bench/", ledgerId: "cloudbox", runAsParty: PARTY, jwks: { fetch }, verifiedCacheSize: 0 }) }
      : { jwks: { fetch } };
  }
  const metrics = host.createMetrics();
  app = host.buildHostApp({
    config: { ledgerId: "cloudbox", jwksUrl: isPublic ? undefined : "http://jwks.bench/" }, logger, metrics,
    runAsParty: PARTY, status: () => { throw new Error("not used"); }, ...options,
    webhooks: [{ method: "GET", urlSuffix: "/hook", label: null, auth, handle: async () => ({ status: 200, body: "ok" }) }],
  });
}
await app.listen({ host: "127.0.0.1", port: 0 });
process.send({ port: app.server.address().port, token });
process.on("message", (message) => { if (message === "cpu") process.send({ cpu: process.cpuUsage() }); });
process.on("disconnect", () => process.exit(0));

function warmNextTick() {
  const callbacks = [() => {}, function () {}, (() => {}).bind(null), async () => {}, Math.max, ((x) => x).bind(null, 1)];
  for (const callback of callbacks) {
    process.nextTick(callback);
    process.nextTick(callback, 1);
    process.nextTick(callback, "a", {});
    process.nextTick(callback, 1.5, [], null);
  }
}
