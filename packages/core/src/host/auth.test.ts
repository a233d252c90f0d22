import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type JWK } from "jose";
import { afterAll, beforeAll, expect, test } from "vitest";
import { captureLogging, sampleStatus } from "../../test/host-support.js";
import { AuthLevel, type WebhookRequest } from "../contract.js";
import { buildHostApp } from "./app.js";
import { createMetrics } from "./metrics.js";

const LEDGER_ID = "cloudbox";
const PARTY = "Resolved::1220";
type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let rsa: KeyPair, rotated: KeyPair, ec: KeyPair;
let jwks: { keys: JWK[] };
let fetches = 0;
const fetchJwks: typeof fetch = async () => { fetches += 1; return new Response(JSON.stringify(jwks), { headers: { "content-type": "application/json" } }); };

beforeAll(async () => {
  [rsa, rotated, ec] = await Promise.all([generateKeyPair("RS256"), generateKeyPair("RS256"), generateKeyPair("ES256")]);
  jwks = { keys: [
    { ...(await exportJWK(rsa.publicKey)), kid: "rsa-1", alg: "RS256", use: "sig" },
    { ...(await exportJWK(ec.publicKey)), kid: "ec-1" },
    { kty: "oct", kid: "oct-1", k: Buffer.from("shared-secret").toString("base64url") },
  ] };
});

const now = () => Math.floor(Date.now() / 1000);
const claims = (overrides: Record<string, unknown> = {}) =>
  ({ "https://daml.com/ledger-api": { ledgerId: LEDGER_ID, applicationId: "app", actAs: [PARTY], readAs: [PARTY], ...overrides } });

async function sign(payload: Record<string, unknown>, options: { kid?: string | null; alg?: string; key?: KeyPair } = {}) {
  const kid = options.kid === undefined ? "rsa-1" : options.kid;
  const jwt = new SignJWT(payload).setProtectedHeader({ alg: options.alg ?? "RS256", ...(kid === null ? {} : { kid }) });
  return jwt.sign((options.key ?? rsa).privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const seen: WebhookRequest[] = [];

function app(jwksUrl: string | null = "http://jwks.test/keys") {
  const logging = captureLogging();
  const host = buildHostApp({
    config: { ledgerId: LEDGER_ID, jwksUrl: jwksUrl ?? undefined, party: "FromEnv::1220" }, logger: logging, status: () => sampleStatus(),
    runAsParty: PARTY, metrics: createMetrics({ eventLoopMonitor: false }), jwks: { fetch: fetchJwks, cooldownMs: 60_000 },
    webhooks: (["GET", "POST"] as const).flatMap((method) => [
      { method, urlSuffix: "/party", label: null, auth: AuthLevel.INTEGRATION_PARTY, handle: ok },
      { method, urlSuffix: "/any", label: null, auth: AuthLevel.ANY_PARTY, handle: ok },
    ]),
  });
  return { host, logging };
}
async function ok(request: WebhookRequest) { seen.push(request); return { status: 200, body: "ok" }; }

const E = {
  noJwks: [401, "no_authorization_support", "this endpoint requires authorization, which is unavailable without JWKS support."],
  scheme: [401, "invalid_auth_scheme", "Invalid authorization scheme. Should be `Bearer <token>`"],
  missing: [401, "missing_token", "this endpoint requires a valid token and none was supplied"],
  invalid: [403, "invalid_token", "this endpoint was presented with an invalid token"],
  claims: [401, "missing_ledger_claims", 'this endpoint requires a valid token containing DAML ledger API claims for ledger ID "cloudbox"'],
  party: [401, "unauthorized", "unauthorized token"],
} as const;

interface Case { name: string; token?: () => Promise<string>; header?: () => Promise<string>; url?: (t: string) => string;
  method?: "GET" | "POST"; suffix?: string; expected: readonly [number, string, string] | 200 }

const rsaPublicPem = async () => exportSPKI(rsa.publicKey);
const cases: Case[] = [
  { name: "valid RS256 token", token: () => sign(claims()), expected: 200 },
  { name: "valid ES256 token", token: () => sign(claims(), { kid: "ec-1", alg: "ES256", key: ec }), expected: 200 },
  { name: "no token", expected: E.missing },
  { name: "alg none", token: async () => `${b64({ alg: "none", kid: "rsa-1" })}.${b64({ ...claims() })}.`, expected: E.invalid },
  { name: "HS256 signed with the RSA public key bytes", expected: E.invalid, token: async () =>
    new SignJWT(claims()).setProtectedHeader({ alg: "HS256", kid: "rsa-1" }).sign(new TextEncoder().encode(await rsaPublicPem())) },
  { name: "HS256 with a symmetric key the JWKS publishes", expected: E.invalid, token: async () =>
    new SignJWT(claims()).setProtectedHeader({ alg: "HS256", kid: "oct-1" }).sign(new TextEncoder().encode("shared-secret")) },
  { name: "PS256 against a key pinned to RS256", expected: E.invalid,
    token: async () => sign(claims(), { alg: "PS256", key: await generateKeyPair("PS256") }) },
  { name: "expired beyond the 60 s leeway", token: () => sign({ ...claims(), exp: now() - 120 }), expected: E.invalid },
  { name: "expired within the leeway", token: () => sign({ ...claims(), exp: now() - 30 }), expected: 200 },
  { name: "nbf in the future beyond the leeway", token: () => sign({ ...claims(), nbf: now() + 120 }), expected: E.invalid },
  { name: "nbf within the leeway", token: () => sign({ ...claims(), nbf: now() + 30 }), expected: 200 },
  { name: "non-numeric exp", token: () => sign({ ...claims(), exp: "tomorrow" }), expected: E.invalid },
  { name: "kid missing", token: () => sign(claims(), { kid: null }), expected: E.invalid },
  { name: "unknown kid (not in the JWKS after a refresh)", token: () => sign(claims(), { kid: "nope" }), expected: E.invalid },
  { name: "tampered payload", expected: E.invalid, token: async () => {
    const [header, , signature] = (await sign(claims({ actAs: ["Other"] }))).split(".");
    return `${header}.${b64(claims())}.${signature}`;
  } },
  { name: "malformed token", token: async () => "not-a-jwt", expected: E.invalid },
  { name: "five-part (JWE-shaped) token", token: async () => "a.b.c.d.e", expected: E.invalid },
  { name: "wrong ledgerId", token: () => sign(claims({ ledgerId: "sandbox" })), expected: E.claims },
  { name: "no ledger claims (a user token)", token: () => sign({ sub: "alice", aud: "x" }), expected: E.claims },
  { name: "malformed actAs", token: () => sign(claims({ actAs: "Resolved::1220" })), expected: E.claims },
  { name: "party missing for INTEGRATION_PARTY", token: () => sign(claims({ actAs: ["Other"], readAs: ["Other"] })), expected: E.party },
  { name: "party missing is fine for ANY_PARTY", suffix: "/any", token: () => sign(claims({ actAs: ["Other"], readAs: [] })), expected: 200 },
  { name: "party only in readAs", token: () => sign(claims({ actAs: ["Other"] })), expected: E.party },
  { name: "party only in actAs", token: () => sign(claims({ readAs: [] })), expected: E.party },
  { name: "DAML_LEDGER_PARTY is not the run-as party (original's bug fixed)",
    token: () => sign(claims({ actAs: ["FromEnv::1220"], readAs: ["FromEnv::1220"] })), expected: E.party },
  { name: "scheme `bearer` (case-sensitive)", header: async () => `bearer ${await sign(claims())}`, expected: E.scheme },
  { name: "scheme Basic", header: async () => "Basic dXNlcjpwYXNz", expected: E.scheme },
  { name: "Bearer with an empty token", header: async () => "Bearer ", expected: E.scheme },
  { name: "access_token on GET", url: (t) => `/integration/i/party?access_token=${t}`, token: () => sign(claims()), expected: 200 },
  { name: "empty access_token", url: () => "/integration/i/party?access_token=", expected: E.missing },
  { name: "access_token on POST refused", method: "POST", url: (t) => `/integration/i/party?access_token=${t}`, token: () => sign(claims()),
    expected: E.missing },
];

test.each(cases)("$name", async (c) => {
  const { host, logging } = app();
  const token = c.token ? await c.token() : "";
  const headers: Record<string, string> = {};
  if (c.header) headers.authorization = await c.header();
  else if (c.token && !c.url) headers.authorization = `Bearer ${token}`;
  const response = await host.inject({ method: c.method ?? "GET", url: c.url ? c.url(token) : `/integration/i${c.suffix ?? "/party"}`, headers });
  if (c.expected === 200) {
    expect(response.statusCode, response.body).toBe(200);
    expect(seen.at(-1)?.claims?.ledgerId).toBe(LEDGER_ID);
  } else {
    const [status, code, description] = c.expected;
    expect(response.statusCode).toBe(status);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.body).toBe(`{"code": "${code}", "description": "${description.replaceAll('"', '\\"')}"}\n`);
  }
  if (token.length > 20) expect(logging.text()).not.toContain(token);
  await host.close();
});

test("claims are exposed to the handler", async () => {
  const { host } = app();
  await host.inject({ url: "/integration/i/any", headers: { authorization: `Bearer ${await sign(claims({ readAs: ["R"] }))}` } });
  expect(seen.at(-1)?.claims).toEqual({ ledgerId: LEDGER_ID, applicationId: "app", actAs: [PARTY], readAs: ["R"] });
  await host.close();
});

test("JWKS not configured → 401 no_authorization_support", async () => {
  const { host } = app(null);
  const response = await host.inject({ url: "/integration/i/party", headers: { authorization: `Bearer ${await sign(claims())}` } });
  expect([response.statusCode, JSON.parse(response.body).code]).toEqual([401, "no_authorization_support"]);
  await host.close();
});

test("unknown kid refreshes the JWKS once (rotated key accepted); random kids cannot hammer it", async () => {
  const { host } = app();
  const request = async (token: string) =>
    (await host.inject({ url: "/integration/i/party", headers: { authorization: `Bearer ${token}` } })).statusCode;
  const before = fetches;
  expect(await request(await sign(claims()))).toBe(200);
  expect(fetches).toBe(before + 1);
  const original = jwks;
  jwks = { keys: [...original.keys, { ...(await exportJWK(rotated.publicKey)), kid: "rsa-2", alg: "RS256" }] };
  // Within the cooldown (60 s in this app) an unknown kid does not cause another fetch: the rotated key waits.
  expect(await request(await sign(claims(), { kid: "rsa-2", key: rotated }))).toBe(403);
  expect(fetches).toBe(before + 1);
  await host.close();

  // Without a cooldown the rotated key is fetched on its first use, and a key removed from the JWKS stops verifying.
  const fresh = buildHostApp({
    config: { ledgerId: LEDGER_ID, jwksUrl: "http://jwks.test/keys" }, logger: captureLogging(), status: () => sampleStatus(),
    runAsParty: PARTY, metrics: createMetrics({ eventLoopMonitor: false }), jwks: { fetch: fetchJwks, cooldownMs: 0 },
    webhooks: [{ method: "GET", urlSuffix: "/party", label: null, auth: AuthLevel.INTEGRATION_PARTY, handle: ok }],
  });
  jwks = original;
  const freshRequest = async (token: string) =>
    (await fresh.inject({ url: "/integration/i/party", headers: { authorization: `Bearer ${token}` } })).statusCode;
  expect(await freshRequest(await sign(claims()))).toBe(200);
  jwks = { keys: [{ ...(await exportJWK(rotated.publicKey)), kid: "rsa-2", alg: "RS256" }] };
  expect(await freshRequest(await sign(claims(), { kid: "rsa-2", key: rotated }))).toBe(200);
  expect(await freshRequest(await sign({ ...claims(), jti: "new" }))).toBe(403);
  jwks = original;
  await fresh.close();
});

test("cooldown: many unknown kids cause at most one fetch per cooldown", async () => {
  const { host } = app();
  const before = fetches;
  await Promise.all(Array.from({ length: 20 }, async (_, i) =>
    host.inject({ url: "/integration/i/party", headers: { authorization: `Bearer ${await sign(claims(), { kid: `random-${i}` })}` } })));
  expect(fetches - before).toBe(1);
  await host.close();
});

let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/redirect") { response.writeHead(302, { location: "/keys" }).end(); return; }
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("a real JWKS server over HTTP; redirects are refused", async () => {
  const make = (path: string) => {
    const logging = captureLogging();
    return { logging, host: buildHostApp({
      config: { ledgerId: LEDGER_ID, jwksUrl: `${base}${path}` }, logger: logging, status: () => sampleStatus(), runAsParty: PARTY,
      metrics: createMetrics({ eventLoopMonitor: false }),
      webhooks: [{ method: "GET", urlSuffix: "/party", label: null, auth: AuthLevel.INTEGRATION_PARTY, handle: ok }],
    }) };
  };
  const token = await sign(claims());
  const direct = make("/keys");
  expect((await direct.host.inject({ url: "/integration/i/party", headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
  const redirected = make("/redirect");
  expect((await redirected.host.inject({ url: "/integration/i/party", headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(403);
  expect(redirected.logging.text()).toContain("Failed to fetch JWKS");
  await direct.host.close();
  await redirected.host.close();
});
