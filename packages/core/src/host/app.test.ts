import { afterEach, expect, test } from "vitest";
import { captureLogging, sampleStatus } from "../../test/host-support.js";
import { AuthLevel, type IntegrationStatus, type WebhookRequest, type WebhookRoute } from "../contract.js";
import { buildHostApp, type HostApp, type HostOptions } from "./app.js";
import { createMetrics } from "./metrics.js";

const apps: HostApp[] = [];
afterEach(async () => { for (const app of apps.splice(0)) await app.close(); });

const seen: WebhookRequest[] = [];
const echo = (method: "GET" | "POST", urlSuffix: string, auth: AuthLevel = AuthLevel.PUBLIC): WebhookRoute => ({
  method, urlSuffix, label: null, auth,
  async handle(request) {
    seen.push(request);
    return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ suffix: urlSuffix, params: request.params }) };
  },
});

function build(overrides: Partial<HostOptions> = {}) {
  const logging = captureLogging();
  let status: IntegrationStatus = sampleStatus();
  const app = buildHostApp({
    config: { ledgerId: "cloudbox", jwksUrl: undefined }, logger: logging, status: () => status, runAsParty: "Alice",
    metrics: createMetrics({ eventLoopMonitor: false }), webhooks: [], ...overrides,
  });
  apps.push(app);
  return { app, logging, setStatus: (next: IntegrationStatus) => { status = next; } };
}

test("status and healthz answer the status JSON on both paths; _self is the request URL", async () => {
  const { app } = build();
  for (const url of ["/status", "/healthz"]) {
    const response = await app.inject({ url, headers: { host: "pod:8089" } });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.body.endsWith("}\n")).toBe(true);
    expect(JSON.parse(response.body)._self).toBe(`http://pod:8089${url}`);
  }
  // The prefixed ones are ANY_PARTY: without JWKS, 401.
  const prefixed = await app.inject({ url: "/integration/abc/status" });
  expect(prefixed.statusCode).toBe(401);
  expect(prefixed.body).toBe('{"code": "no_authorization_support", "description": "this endpoint requires authorization, ' +
    'which is unavailable without JWKS support."}\n');
});

test("healthz is liveness (200 while not running), readyz is readiness", async () => {
  const { app, setStatus } = build();
  setStatus(sampleStatus({ running: false }));
  expect((await app.inject({ url: "/healthz" })).statusCode).toBe(200);
  expect((await app.inject({ url: "/readyz" })).statusCode).toBe(503);
  setStatus(sampleStatus({ running: true }));
  expect((await app.inject({ url: "/readyz" })).statusCode).toBe(200);
});

test("log-level sets the level and echoes the request; bad input is a 400, never an exit or a 500", async () => {
  const { app, logging } = build();
  const ok = await app.inject({ method: "POST", url: "/log-level", payload: { log_level: "20" } });
  expect(ok.statusCode).toBe(200);
  expect(ok.body).toBe('{"log_level": "20"}\n');
  expect(logging.getLogLevel()).toBe(20);
  expect(JSON.parse((await app.inject({ url: "/status" })).body).log_level).toBe(20);
  const asText = await app.inject({ method: "POST", url: "/log-level", headers: { "content-type": "text/plain" }, payload: '{"log_level": 10}' });
  expect(asText.statusCode).toBe(200);
  expect(logging.getLogLevel()).toBe(10);
  for (const payload of ['{"log_level": 51}', '{"log_level": -1}', '{"log_level": "x"}', '{"log_level": 1.5}', '{"level": 1}', "nope", "[]"]) {
    const response = await app.inject({ method: "POST", url: "/log-level", headers: { "content-type": "application/json" }, payload });
    expect(response.statusCode, payload).toBe(400);
    expect(Object.keys(JSON.parse(response.body))).toEqual(["code", "description"]);
  }
  expect(logging.getLogLevel()).toBe(10);
});

test("unknown path 404 as aiohttp, wrong method 405", async () => {
  const { app } = build({ webhooks: [echo("POST", "/hook")] });
  const missing = await app.inject({ url: "/nope" });
  expect([missing.statusCode, missing.body, missing.headers["content-type"]]).toEqual([404, "404: Not Found", "text/plain; charset=utf-8"]);
  const wrong = await app.inject({ method: "POST", url: "/status" });
  expect([wrong.statusCode, wrong.body]).toEqual([405, "405: Method Not Allowed"]);
  expect(wrong.headers.allow).toBe("GET,HEAD");
  expect((await app.inject({ method: "GET", url: "/integration/x/hook" })).statusCode).toBe(405);
  expect((await app.inject({ method: "DELETE", url: "/metrics" })).statusCode).toBe(405);
});

test("bodies over the limit are a 413", async () => {
  const { app } = build({ webhooks: [echo("POST", "/hook")], bodyLimit: 1024 });
  const response = await app.inject({ method: "POST", url: "/integration/x/hook", headers: { "content-type": "text/plain" }, payload: "x".repeat(2000) });
  expect(response.statusCode).toBe(413);
});

test("the default limit is the original's 100 MiB", async () => {
  const { app } = build({ webhooks: [echo("POST", "/hook")] });
  const response = await app.inject({ method: "POST", url: "/integration/x/hook",
    headers: { "content-type": "application/octet-stream", "content-length": String(100 * 1024 * 1024 + 1) }, payload: "x" });
  expect(response.statusCode).toBe(413);
});

test("webhooks: routes, params, HEAD on GET, suffix concatenated as-is, body types", async () => {
  const { app } = build({ webhooks: [echo("GET", "/items/:id"), echo("POST", "/items"), echo("GET", "-raw"), echo("GET", "")] });
  const get = await app.inject({ url: "/integration/int-1/items/42?x=1&x=2" });
  expect(get.statusCode).toBe(200);
  expect(JSON.parse(get.body).params).toEqual({ integrationId: "int-1", id: "42" });
  expect(seen.at(-1)?.query).toEqual({ x: ["1", "2"] });
  const head = await app.inject({ method: "HEAD", url: "/integration/int-1/items/42" });
  expect([head.statusCode, head.body, seen.at(-1)?.method]).toEqual([200, "", "HEAD"]);
  expect(JSON.parse((await app.inject({ url: "/integration/abc-raw" })).body).params).toEqual({ integrationId: "abc" });
  expect(JSON.parse((await app.inject({ url: "/integration/abc" })).body).suffix).toBe("");

  const post = (contentType: string, payload: string) =>
    app.inject({ method: "POST", url: "/integration/i/items", headers: { "content-type": contentType }, payload });
  await post("application/json", '{"a": [1]}');
  expect(seen.at(-1)?.body).toEqual({ a: [1] });
  await post("text/csv", "a,b");
  expect(seen.at(-1)?.body).toBe("a,b");
  await post("application/x-www-form-urlencoded", "a=1&b=2");
  expect(seen.at(-1)?.body).toBe("a=1&b=2");
  await post("application/pdf", "%PDF");
  expect(Buffer.isBuffer(seen.at(-1)?.body)).toBe(true);
  expect(seen.at(-1)?.claims).toBeUndefined();
  const invalid = await post("application/json", "{");
  expect(invalid.statusCode).toBe(400);
  expect(Object.keys(JSON.parse(invalid.body))).toEqual(["code", "description"]);
});

test("control routes registered first win over a colliding webhook", async () => {
  const { app, logging } = build({ webhooks: [echo("GET", "/status"), echo("POST", "/log-level")] });
  const response = await app.inject({ method: "POST", url: "/integration/x/log-level", payload: { log_level: 0 } });
  expect(response.statusCode).toBe(401); // the control route (ANY_PARTY), not the PUBLIC webhook
  expect(logging.text()).toContain("is shadowed by an earlier route");
});

test("a throwing webhook handler is the original's 500, logged without the token", async () => {
  const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlcw";
  const { app, logging } = build({ webhooks: [{ method: "GET", urlSuffix: "/boom", label: null, auth: AuthLevel.PUBLIC,
    handle: async () => { throw new Error(`bad token ${token}`); } }] });
  const response = await app.inject({ url: `/integration/x/boom?access_token=${token}` });
  expect(response.statusCode).toBe(500);
  expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
  expect(response.body).toBe("500 Internal Server Error\n\nServer got itself in trouble");
  expect(logging.text()).toContain("Webhook handler failed");
  expect(logging.text()).not.toContain(token);
});

test("access log: polled routes silent below level 20, others logged with tokens redacted", async () => {
  const { app, logging } = build({ webhooks: [echo("GET", "/hook")] });
  await app.inject({ url: "/healthz" });
  await app.inject({ url: "/metrics" });
  await app.inject({ url: "/integration/abc-def/status" });
  expect(logging.text()).not.toContain("/healthz");
  expect(logging.text()).not.toContain("/status");
  await app.inject({ url: "/integration/x/hook?access_token=abcdef123" });
  expect(logging.text()).toMatch(/\[INFO\] \(dit\.access\) \S+ \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/integration\/x\/hook\?access_token=\[REDACTED\] HTTP\/1\.1" 200 \d+/);
  expect(logging.text()).not.toContain("abcdef123");
  logging.setLogLevel(20);
  await app.inject({ url: "/healthz" });
  expect(logging.text()).toContain('"GET /healthz HTTP/1.1" 200');
});

test("metrics: content type and framework counters", async () => {
  const metrics = createMetrics({ eventLoopMonitor: false });
  metrics.countEvent("webhook");
  const { app } = build({ metrics });
  const response = await app.inject({ url: "/metrics" });
  expect(response.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
  expect(response.body).toContain('dit_events_total{kind="webhook"} 1\n');
  expect(response.body).toContain("dit_running 1\n");
  expect((await app.inject({ url: "/integration/x/metrics" })).statusCode).toBe(404);
});
