// The host on a real port: startHost on 127.0.0.1:0, requests from Node's fetch, a JWKS served over HTTP.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { expect, test } from "vitest";
import { AuthLevel } from "../src/contract.js";
import { createMetrics, startHost } from "../src/host/index.js";
import { captureLogging, sampleStatus } from "./host-support.js";

test("listens, serves status, a PUBLIC and an INTEGRATION_PARTY webhook, and closes", async () => {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1" };
  const jwksServer = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
  const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks`;
  const logging = captureLogging();
  const metrics = createMetrics();
  const host = await startHost({
    host: "127.0.0.1", port: 0, config: { ledgerId: "cloudbox", jwksUrl }, logger: logging, metrics, runAsParty: "Alice",
    status: () => sampleStatus({ running: false }),
    webhooks: [
      { method: "POST", urlSuffix: "/echo", label: "echo", auth: AuthLevel.PUBLIC,
        handle: async (request) => ({ status: 201, headers: { "content-type": "application/json" }, body: JSON.stringify(request.body) }) },
      { method: "GET", urlSuffix: "/me", label: null, auth: AuthLevel.INTEGRATION_PARTY,
        handle: async (request) => ({ status: 200, body: request.claims?.actAs.join(",") ?? "" }) },
    ],
  });
  try {
    expect(host.port).toBeGreaterThan(0);
    const status = await fetch(`${host.url}/status`);
    expect(status.status).toBe(200);
    expect(((await status.json()) as { _self: string })._self).toBe(`${host.url}/status`);
    expect((await fetch(`${host.url}/readyz`)).status).toBe(503);
    const echo = await fetch(`${host.url}/integration/abc/echo`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"x":1}' });
    expect([echo.status, await echo.json()]).toEqual([201, { x: 1 }]);
    const token = await new SignJWT({ "https://daml.com/ledger-api": { ledgerId: "cloudbox", actAs: ["Alice"], readAs: ["Alice"] } })
      .setProtectedHeader({ alg: "ES256", kid: "k1" }).setExpirationTime("1h").sign(privateKey);
    const me = await fetch(`${host.url}/integration/abc/me`, { headers: { authorization: `Bearer ${token}` } });
    expect([me.status, await me.text()]).toEqual([200, "Alice"]);
    const denied = await fetch(`${host.url}/integration/abc/me`);
    expect(denied.status).toBe(401);
    const head = await fetch(`${host.url}/integration/abc/me?access_token=${token}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(logging.text()).toContain("Web endpoint listening on http://127.0.0.1:");
    expect(logging.text()).not.toContain(token);
  } finally {
    await host.close();
    metrics.close();
    await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
  }
});

test("a port in use rejects (the runtime exits 1, as the original)", async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const port = (blocker.address() as AddressInfo).port;
  await expect(startHost({ host: "127.0.0.1", port, config: { ledgerId: "cloudbox", jwksUrl: undefined }, logger: captureLogging(),
    metrics: createMetrics({ eventLoopMonitor: false }), runAsParty: "Alice", status: () => sampleStatus(), webhooks: [] }))
    .rejects.toThrow(/EADDRINUSE/);
  await new Promise<void>((resolve) => blocker.close(() => resolve()));
});
