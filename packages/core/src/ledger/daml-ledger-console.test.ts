import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { JsonApiLedger } from "./json-api-client.js";

let url = "";
const server = createServer((_req, res) => res.writeHead(400, { "content-type": "application/json" })
  .end('{"status":400,"errors":["Cannot resolve template ID"]}'));
beforeAll(() => new Promise<void>((done) => server.listen(0, "127.0.0.1", () => {
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  done();
})));
afterAll(() => new Promise<void>((done) => server.close(() => done())));

test("@daml/ledger's console output goes to the ledger logger; other console output is untouched", async () => {
  const lines: string[] = [];
  const log = { debug: (m: string) => void lines.push(m), info: () => {}, warn: () => {}, error: () => {} };
  // Installed before the routing wraps console.log, so it sees what gets through.
  const printed = vi.spyOn(console, "log").mockImplementation(() => {});
  let out = "";
  try {
    const ledger = new JsonApiLedger({ url, token: "x.eyJ9.x", log });
    await expect(ledger.create("p:M:T", {})).rejects.toThrow(/Cannot resolve template ID/);
    console.log("an integration's own line");
    out = printed.mock.calls.map((c) => c.map((a) => JSON.stringify(a)).join(" ")).join("\n");
  } finally {
    printed.mockRestore();
  }
  expect(lines.some((l) => l.startsWith("@daml/ledger: ") && l.includes("Cannot resolve template ID"))).toBe(true);
  expect(out).not.toContain("Cannot resolve template ID");
  expect(out).toContain("an integration's own line");
});
