// `dit sandbox` and `dit run --sandbox`: each starts its own real Daml Sandbox 1.13.1 (a JVM) and the JSON API,
// so this file costs a few JVM starts. Skipped only where Java or Maven is missing (not in CI).
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";
import { describeRealLedger } from "../../../scripts/testing/real-ledger.js";
import { buildRelayDar, damlLedger, template } from "./real-ledger-support.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const work = mkdtempSync(join(tmpdir(), "dit-sandbox-"));
const relay = buildRelayDar();
const darFile = join(work, "relay-model.dar");
writeFileSync(darFile, relay.dar);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function dit(args: string[], env: Record<string, string> = {}, cwd = work) {
  const child = spawn(process.execPath, [join(repo, "bin/dit"), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", DIT_CACHE_DIR: join(repo, ".cache/dit-e2e"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { text: "" };
  child.stdout.on("data", (d: Buffer) => (output.text += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output.text += d.toString()));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return { child, output, exited };
}

async function waitFor(p: { child: ChildProcess; output: { text: string } }, pattern: RegExp, ms = 180_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = pattern.exec(p.output.text);
    if (m) return m;
    if (p.child.exitCode !== null) throw new Error(`dit exited ${p.child.exitCode} before ${pattern}:\n${p.output.text}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${p.output.text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const portOpen = (address: string) => new Promise<boolean>((done) => {
  const [host, port] = address.split(":");
  const socket = connect(Number(port), host);
  socket.once("connect", () => (socket.destroy(), done(true)));
  socket.once("error", () => done(false));
});

/** SIGTERM ends dit with 0, and the sandbox it started no longer listens. */
async function expectCleanStop(p: ReturnType<typeof dit>, ledgerAddress: string): Promise<void> {
  p.child.kill("SIGTERM");
  expect(await p.exited).toBe(0);
  expect(await portOpen(ledgerAddress)).toBe(false);
}

describeRealLedger("dit sandbox / dit run --sandbox (each a real Daml Sandbox 1.13.1)", () => {
  test("dit sandbox DAR --party: serves the JSON API with the DAR loaded and the party allocated; SIGTERM stops the ledger", async () => {
    const p = dit(["sandbox", darFile, "--party", "Bob", "--port", "0", "--ledger-id", "e2e"]);
    try {
      const [, ledgerAddress = ""] = await waitFor(p, /Daml Sandbox on (\S+) \(ledger id e2e\)/);
      const [, url = ""] = await waitFor(p, /JSON API v1: (\S+)/);
      const [, token = ""] = await waitFor(p, /party Bob: Bob {2}token: (\S+)/);
      const bob = damlLedger(url, token);
      await bob.create(template(`${relay.packageId}:Main:Note`), { owner: "Bob", text: "hi" });
      expect((await bob.query(template(`${relay.packageId}:Main:Note`))).map((n) => n.payload)).toEqual([{ owner: "Bob", text: "hi" }]);
      await expectCleanStop(p, ledgerAddress);
    } finally {
      p.child.kill("SIGKILL");
    }
  }, 240_000);

  test("dit sandbox with a DAR the ledger refuses: exit 1 with the ledger's reason", async () => {
    const bad = join(work, "bad.dar");
    writeFileSync(bad, "not a zip");
    const p = dit(["sandbox", bad, "--port", "0"]);
    expect(await p.exited).toBe(1);
    expect(p.output.text).toMatch(/dit sandbox: the sandbox refused bad\.dar: /);
  }, 240_000);

  test("dit pack, then dit run FILE.dit --sandbox: the DIT's DAR uploaded, its party allocated, its commands applied; SIGTERM exits 0 and stops the ledger", async () => {
    const dir = join(work, "relay");
    cpSync(join(repo, "fixtures/integrations/relay"), dir, { recursive: true });
    writeFileSync(join(dir, "relay-model.dar"), relay.dar);
    const packed = dit(["pack", dir, "-o", join(work, "relay.dit")]);
    expect(await packed.exited).toBe(0);
    cpSync(join(dir, "int_args.yaml"), join(work, "int_args.yaml")); // a DIT's int_args.yaml is the caller's
    const p = dit(["run", join(work, "relay.dit"), "--sandbox", "--party", "Alice", "--port", "0", "--host", "127.0.0.1"]);
    try {
      const [, ledgerAddress = "", url = ""] = await waitFor(p, /Daml Sandbox on (\S+) \(ledger id cloudbox\), JSON API (\S+)/);
      const [, base = ""] = await waitFor(p, /status: {2}(http:\/\/localhost:\d+)\/status/);
      await waitFor(p, /integration started/);
      const queued = await fetch(`${base}/integration/x/enqueue`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"text":"s"}' });
      expect(queued.status).toBe(200);
      const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
      const token = `${part({ alg: "HS256" })}.${part({ "https://daml.com/ledger-api": { ledgerId: "cloudbox", applicationId: "t", actAs: ["Alice"], readAs: ["Alice"] } })}.x`;
      const alice = damlLedger(url, token);
      const deadline = Date.now() + 30_000;
      let texts: unknown[] = [];
      while (Date.now() < deadline && !texts.includes("queued:s")) {
        texts = (await alice.query(template(`${relay.packageId}:Main:Note`))).map((n) => n.payload.text);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(texts).toContain("queued:s");
      await expectCleanStop(p, ledgerAddress);
    } finally {
      p.child.kill("SIGKILL");
    }
  }, 240_000);
});
