// One server of the host benchmark, in its own process so that the load generator does not share its core.
/* global Response */
// argv[2]: bare | bare-routes | public | public-quiet | jwt | jwt-uncached. Sends { port, token? } to the parent over IPC.
import { pino } from "pino";
import Fastify from "fastify";
import { SignJWT, exportJWK, generateKeyPair } from "jose";

const dist = new URL("../dist/host/index.js", import.meta.url);
const kind = process.argv[2];
const PARTY = "Bench::1220";
let app;
let token;

if (kind === "bare" || kind === "bare-routes") {
  app = Fastify();
  app.get("/integration/:integrationId/hook", async (_request, reply) => reply.code(200).send("ok"));
  // bare-routes: plain Fastify with the host's route table (trivial handlers). A one-route app is a best case that
  // V8 and Fastify optimise specially; any second route costs the bare app about a fifth of its rate on this machine.
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
process.on("disconnect", () => process.exit(0));
