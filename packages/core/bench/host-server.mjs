// One server of the host benchmark, in its own process so that the load generator does not share its core.
/* global Response */
// argv[2]: bare | public | jwt | jwt-uncached. Sends { port, token? } to the parent over IPC.
import { pino } from "pino";
import Fastify from "fastify";
import { SignJWT, exportJWK, generateKeyPair } from "jose";

const dist = new URL("../dist/host/index.js", import.meta.url);
const kind = process.argv[2];
const PARTY = "Bench::1220";
let app;
let token;

if (kind === "bare") {
  app = Fastify();
  app.get("/integration/:integrationId/hook", async (_request, reply) => reply.code(200).send("ok"));
} else {
  const host = await import(dist.href);
  // Default level 0 and the default text format: the access log writes one line per webhook request, as in production.
  const logger = host.createLogging({ destination: pino.destination({ dest: "/dev/null", sync: true }) });
  const auth = kind === "public" ? "DABL_PUBLIC" : "DABL_INTEGRATION_PARTY";
  let options = {};
  if (kind !== "public") {
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
    config: { ledgerId: "cloudbox", jwksUrl: kind === "public" ? undefined : "http://jwks.bench/" }, logger, metrics,
    runAsParty: PARTY, status: () => { throw new Error("not used"); }, ...options,
    webhooks: [{ method: "GET", urlSuffix: "/hook", label: null, auth, handle: async () => ({ status: 200, body: "ok" }) }],
  });
}
await app.listen({ host: "127.0.0.1", port: 0 });
process.send({ port: app.server.address().port, token });
process.on("disconnect", () => process.exit(0));
