// End-to-end on the REAL Daml ledger: Daml Sandbox 1.13.1 (from Maven Central, started once per vitest run), our
// JSON API v1 (@dit/json-api) as its own process in front of it, and `bin/dit run` on fixtures/integrations/relay
// talking to that JSON API through @daml/ledger 2.10.4. The Daml model is a DAR built by @dit/daml-lf's
// PackageBuilder and uploaded through /v1/packages. The sandbox's engine evaluates every command.
import { type ChildProcess, spawn } from "node:child_process";
import { createSign, generateKeyPairSync, randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { describeRealLedger, realLedger } from "../../../scripts/testing/real-ledger.js";
import { allocate, buildRelayDar, damlLedger, type DamlLedger, ledgerToken, startJsonApiProcess, template } from "./real-ledger-support.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const work = mkdtempSync(join(tmpdir(), "dit-real-"));
const dir = join(work, "relay");

let ledgerAddress = "";
let ledgerId = "";
let packageId = "";
let admin: DamlLedger;
let jsonApi: Awaited<ReturnType<typeof startJsonApiProcess>>;
let jwks: { url: string; server: Server; sign(claims: object): string };

const ids = () => ({
  request: `${packageId}:Main:Request`,
  response: `${packageId}:Main:Response`,
  note: `${packageId}:Main:Note`,
});

function startJwks(): Promise<typeof jwks> {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomBytes(6).toString("hex");
  const body = JSON.stringify({ keys: [{ ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }] });
  const server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(body));
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
    server,
    sign: (claims) => {
      const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
      const input = `${part({ alg: "RS256", typ: "JWT", kid })}.${part({ exp: Math.floor(Date.now() / 1000) + 600, ...claims })}`;
      return `${input}.${createSign("RSA-SHA256").update(input).sign(privateKey).toString("base64url")}`;
    },
  })));
}

beforeAll(async () => {
  ({ address: ledgerAddress, ledgerId } = await realLedger());
  jsonApi = await startJsonApiProcess(ledgerAddress);
  jwks = await startJwks();
  cpSync(join(repo, "fixtures/integrations/relay"), dir, { recursive: true });
  const built = buildRelayDar();
  packageId = built.packageId;
  writeFileSync(join(dir, "relay-model.dar"), built.dar);
  admin = damlLedger(jsonApi.url, ledgerToken(ledgerId, []));
  await admin.uploadDarFile(built.dar);
}, 300_000);

afterAll(async () => {
  await jsonApi?.kill();
  jwks?.server.close();
  rmSync(work, { recursive: true, force: true });
});

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const start = Date.now();
  let last: T | undefined;
  for (;;) {
    try {
      last = await get();
      if (ok(last)) return last;
    } catch {
      // not yet (e.g. the host is still starting)
    }
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface DitProcess {
  child: ChildProcess;
  output: { text: string };
  base: string;
  exited: Promise<number | null>;
}

async function ditRun(party: string, url: string, env: Record<string, string> = {}, args = dir): Promise<DitProcess> {
  const child = spawn(process.execPath, [join(repo, "bin/dit"), "run", args, "--ledger-url", url, "--party", party, "--port", "0", "--host", "127.0.0.1"], {
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", DABL_LEDGER_ID: ledgerId, DABL_JWKS_URL: jwks.url, ...env }, stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { text: "" };
  child.stdout?.on("data", (d: Buffer) => (output.text += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output.text += d.toString()));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const base = await until("dit run to print its status URL", async () => {
    if (exitCode !== undefined) throw new Error(`dit run exited ${exitCode}`);
    return /status: {2}(http:\/\/localhost:\d+)\/status/.exec(output.text)?.[1];
  }, (b) => b !== undefined || exitCode !== undefined, 60_000);
  if (base === undefined) throw new Error(`dit run exited ${exitCode} before serving:\n${output.text}`);
  return { child, output, base, exited };
}

const seen = async (base: string) => (await (await fetch(`${base}/integration/x/seen`)).json()) as Array<{ cid: string; initial: boolean }>;
const running = async (base: string) => ((await (await fetch(`${base}/readyz`)).json()) as { running: boolean }).running;

describeRealLedger("dit run on the real Daml sandbox (through @dit/json-api)", () => {
  test("sweep delivers pre-existing contracts once with initial true; a contract created by another party triggers a handler whose exercise the ledger applies", async () => {
    const integration = await allocate(admin, "Integration");
    const requester = await allocate(admin, "Requester");
    const asRequester = damlLedger(jsonApi.url, ledgerToken(ledgerId, [requester]));
    const before = await Promise.all([1, 2].map((i) => asRequester.create(template(ids().request), { requester, integration, text: `before-${i}` })));
    const dit = await ditRun(integration, jsonApi.url);
    try {
      await until("running", () => running(dit.base), Boolean);
      const after = await Promise.all([1, 2, 3].map((i) => asRequester.create(template(ids().request), { requester, integration, text: `after-${i}` })));
      const responses = await until("five Responses on the ledger", () => asRequester.query(template(ids().response)), (r) => r.length === 5);
      expect(responses.map((r) => r.payload.text).sort()).toEqual(["after-1", "after-2", "after-3", "before-1", "before-2"]);
      expect(await asRequester.query(template(ids().request))).toEqual([]);
      const deliveries = await seen(dit.base);
      expect(deliveries).toHaveLength(5);
      expect(new Set(deliveries.map((d) => d.cid)).size).toBe(5);
      for (const c of before) expect(deliveries).toContainEqual({ cid: c.contractId, initial: true });
      for (const c of after) expect(deliveries).toContainEqual({ cid: c.contractId, initial: false });
    } finally {
      dit.child.kill("SIGTERM");
    }
    expect(await dit.exited).toBe(0);
  }, 120_000);

  test("an authenticated webhook POST creates a contract; the timer and a queue message create theirs; no token → 401", async () => {
    const integration = await allocate(admin, "Integration");
    const asIntegration = damlLedger(jsonApi.url, ledgerToken(ledgerId, [integration]));
    const dit = await ditRun(integration, jsonApi.url);
    try {
      await until("running", () => running(dit.base), Boolean);
      const refused = await fetch(`${dit.base}/integration/x/notes`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(refused.status).toBe(401);
      const token = jwks.sign({ "https://daml.com/ledger-api": { ledgerId, applicationId: "e2e", actAs: ["Someone"] } });
      const posted = await fetch(`${dit.base}/integration/x/notes`, {
        method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ text: "hello" }),
      });
      expect(posted.status).toBe(200);
      expect(await posted.json()).toEqual({ created: true });
      const queued = await fetch(`${dit.base}/integration/x/enqueue`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "q1" }) });
      expect(queued.status).toBe(200);
      const notes = await until("three Notes", () => asIntegration.query(template(ids().note)), (n) => n.length >= 3);
      expect(notes.map((n) => n.payload.text).sort()).toEqual(["queued:q1", "tick", "webhook:hello"]);
      expect(notes.every((n) => n.payload.owner === integration)).toBe(true);
    } finally {
      dit.child.kill("SIGTERM");
    }
    expect(await dit.exited).toBe(0);
  }, 120_000);

  test("killing the JSON API mid-stream and restarting it loses and duplicates nothing, commands in flight included", async () => {
    const integration = await allocate(admin, "Integration");
    const requester = await allocate(admin, "Requester");
    // The requester writes through a JSON API of its own, so its creates go on while the integration's is down.
    const own = await startJsonApiProcess(ledgerAddress);
    const asRequester = damlLedger(own.url, ledgerToken(ledgerId, [requester]));
    let front = await startJsonApiProcess(ledgerAddress);
    const dit = await ditRun(integration, front.url);
    try {
      await until("running", () => running(dit.base), Boolean);
      const first = await Promise.all([1, 2, 3].map((i) => asRequester.create(template(ids().request), { requester, integration, text: `a-${i}` })));
      // Killed while the first deliveries are being handled: their exercises may be in flight, unanswered; the
      // submitter resends them with the same command id once the JSON API is back, and the ledger de-duplicates.
      await until("the first delivery", () => seen(dit.base), (s) => s.length >= 1);
      await front.kill("SIGKILL");
      const during = await Promise.all([1, 2, 3, 4].map((i) => asRequester.create(template(ids().request), { requester, integration, text: `b-${i}` })));
      await new Promise((r) => setTimeout(r, 1_000));
      front = await startJsonApiProcess(ledgerAddress, front.port);
      const after = await Promise.all([1, 2].map((i) => asRequester.create(template(ids().request), { requester, integration, text: `c-${i}` })));
      const all = [...first, ...during, ...after].map((c) => c.contractId);
      const deliveries = await until("all nine handled", () => seen(dit.base), (s) => s.length >= all.length, 60_000);
      await new Promise((r) => setTimeout(r, 1_000)); // time for any duplicate to arrive
      const finalDeliveries = await seen(dit.base);
      expect(finalDeliveries.map((d) => d.cid).sort()).toEqual(all.sort());
      expect(deliveries.length).toBe(all.length);
      const responses = await until("nine Responses", () => asRequester.query(template(ids().response)), (r) => r.length === all.length);
      expect(responses).toHaveLength(all.length);
      expect(await asRequester.query(template(ids().request))).toEqual([]);
    } finally {
      dit.child.kill("SIGTERM");
      await own.kill();
      await front.kill();
    }
    expect(await dit.exited).toBe(0);
  }, 180_000);

  test("SIGTERM drains the work queue: every queued message's command reaches the ledger before exit 0", async () => {
    const integration = await allocate(admin, "Integration");
    const asIntegration = damlLedger(jsonApi.url, ledgerToken(ledgerId, [integration]));
    const slow = join(work, "relay-slow");
    cpSync(dir, slow, { recursive: true });
    writeFileSync(join(slow, "int_args.yaml"), "type_id: relay\nmetadata:\n  queueDelayMs: \"300\"\n");
    const dit = await ditRun(integration, jsonApi.url, {}, slow);
    try {
      await until("running", () => running(dit.base), Boolean);
      for (let i = 1; i <= 4; i++) {
        const r = await fetch(`${dit.base}/integration/x/enqueue`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: `d${i}` }) });
        expect(r.status).toBe(200);
      }
    } finally {
      dit.child.kill("SIGTERM");
    }
    expect(await dit.exited).toBe(0);
    const notes = await asIntegration.query(template(ids().note));
    expect(notes.map((n) => n.payload.text).filter((t) => String(t).startsWith("queued:")).sort()).toEqual(["queued:d1", "queued:d2", "queued:d3", "queued:d4"]);
  }, 120_000);
});
