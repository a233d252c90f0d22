// End-to-end: spawn `bin/dit run` on fixtures/integrations/hello (TypeScript, run from source) against the local
// JSON API v1 stand-in server of @dit/core. The stand-in answers the protocol's shapes; it is NOT a Daml ledger —
// no real ledger or JSON API is available on this machine or in CI, so the real-ledger e2e tests are not here.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type JsonApiStandIn, startJsonApiStandIn } from "@dit/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const work = mkdtempSync(join(tmpdir(), "dit-run-"));
const dir = join(work, "hello");
const GREETING = `${"0".repeat(64)}:Main:Greeting`;
let standIn: JsonApiStandIn;

beforeAll(async () => {
  cpSync(join(repo, "fixtures/integrations/hello"), dir, { recursive: true });
  standIn = await startJsonApiStandIn();
  standIn.ledger.createContract(GREETING, { owner: "Alice", text: "before" });
});
afterAll(async () => {
  await standIn.close();
  rmSync(work, { recursive: true, force: true });
});

function waitFor(child: ChildProcess, output: { text: string }, pattern: RegExp, ms = 15_000): Promise<RegExpMatchArray> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`timed out waiting for ${pattern}; output so far:\n${output.text}`)), ms);
    const check = () => {
      const m = output.text.match(pattern);
      if (m) {
        clearTimeout(timer);
        done(m);
      }
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    check();
  });
}

async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await get();
    if (ok(v) || Date.now() - start > ms) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Spawns `bin/dit run …` (NO_COLOR, a minimal env); `output` collects stdout and stderr, `stderr` stderr alone. */
function ditRun(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const child = spawn(process.execPath, [join(repo, "bin/dit"), "run", ...args], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...options.env }, stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { text: "", stderr: "" };
  child.stdout.on("data", (d: Buffer) => (output.text += d.toString()));
  child.stderr.on("data", (d: Buffer) => {
    output.text += d.toString();
    output.stderr += d.toString();
  });
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return { child, output, exited };
}

describe("dit run", () => {
  test("starts, serves /healthz and webhooks, submits a webhook's command, exits 0 on SIGTERM", async () => {
    const { child, output, exited } = ditRun([dir, "--ledger-url", standIn.url, "--party", "Alice", "--port", "0", "--host", "127.0.0.1"]);
    try {
      const [, base] = await waitFor(child, output, /webhook: POST (http:\/\/localhost:\d+)\/integration\/local\/greet/);
      expect(output.text).toContain(`webhook: GET  ${base}/integration/local/hello  (Hello)`);
      expect(output.text).toContain(`webhook: POST ${base}/integration/local/greet  (Greet)`);

      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      const status = await until(async () => (await (await fetch(`${base}/status`)).json()) as { running: boolean; ledger_events: Array<{ use_count: number }> },
        (s) => s.running);
      expect(status).toMatchObject({ running: true, ledger_events: [{ use_count: 1 }] });

      const hello = await fetch(`${base}/integration/abc/hello`);
      expect(hello.status).toBe(200);
      expect(await hello.text()).toBe('{"greeting": "hello", "party": "Alice", "contracts": 1}\n');

      const greet = await fetch(`${base}/integration/abc/greet`, { method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "hi" }) });
      expect(await greet.text()).toBe('{"created": true}\n');
      expect([...standIn.ledger.active.values()].map((c) => c.payload)).toContainEqual({ owner: "Alice", text: "hi" });
      const seen = await until(async () => (await (await fetch(`${base}/integration/abc/hello`)).json()) as { contracts: number }, (v) => v.contracts === 2);
      expect(seen.contracts).toBe(2);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 40_000);

  test("an unknown integration type: int_args diagnostics, exit 1", async () => {
    const { output, exited } = ditRun([dir, "--type", "nope", "--ledger-url", standIn.url, "--party", "A"]);
    expect(await exited).toBe(1);
    expect(output.stderr).toContain('integration type "nope" is not declared');
  });

  test("runs a packed .dit: extracted into the cache, int_args.yaml from the current directory", async () => {
    const dit = join(work, "hello.dit");
    execFileSync(process.execPath, [join(repo, "bin/dit"), "pack", dir, "-o", dit], { stdio: "pipe" });
    const cwd = join(work, "instance");
    mkdirSync(cwd, { recursive: true });
    cpSync(join(dir, "int_args.yaml"), join(cwd, "int_args.yaml"));
    const { child, output, exited } = ditRun([dit, "--ledger-url", standIn.url, "--party", "Alice", "--port", "0", "--host", "127.0.0.1"],
      { cwd, env: { DIT_CACHE_DIR: join(work, "cache") } });
    try {
      const [, base] = await waitFor(child, output, /webhook: GET {2}(http:\/\/localhost:\d+)\/integration\/local\/hello/);
      const hello = await until(async () => fetch(`${base}/integration/abc/hello`), (r) => r.status === 200);
      expect(await hello.json()).toMatchObject({ greeting: "hello", party: "Alice" });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 40_000);

  test.each([
    ["a bad DABL_LOG_LEVEL", { DABL_LOG_LEVEL: "99" }, ["--party", "Alice"], /=== FATAL ERROR: .*DABL_LOG_LEVEL.* ===/],
    ["no party anywhere", {}, [], /=== FATAL ERROR: DAML_LEDGER_PARTY environment variable undefined\. ===/],
  ])("%s: the original's fatal line, exit 9", async (_name, env, args, message) => {
    const { output, exited } = ditRun([dir, "--ledger-url", standIn.url, ...args], { env });
    const code = await exited;
    expect(output.stderr).toMatch(message);
    expect(code).toBe(9);
  });

  test("--sandbox-secret signs the ledger token for the party; a refusing ledger ends the run with 9", async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(String(req.headers.authorization ?? ""));
      res.writeHead(401, { "content-type": "application/json" }).end('{"status": 401, "errors": ["refused"]}');
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { exited } = ditRun([dir, "--ledger-url", url, "--party", "Bob", "--port", "0", "--host", "127.0.0.1", "--sandbox-secret", "s3cret"]);
      expect(await exited).toBe(9);
      const token = seen.find((h) => h.startsWith("Bearer "))?.slice(7) ?? "";
      const [header = "", payload = "", signature = ""] = token.split(".");
      expect(createHmac("sha256", "s3cret").update(`${header}.${payload}`).digest("base64url")).toBe(signature);
      expect(JSON.parse(Buffer.from(payload, "base64url").toString())).toMatchObject({
        "https://daml.com/ledger-api": { actAs: ["Bob"], readAs: ["Bob"] },
      });
    } finally {
      server.close();
    }
  }, 30_000);

  test("start-up logs the configuration with secrets redacted: the ledger token and secret-looking values", async () => {
    const secretDir = join(work, "secret");
    cpSync(dir, secretDir, { recursive: true });
    const argsFile = join(secretDir, "int_args.yaml");
    writeFileSync(argsFile, readFileSync(argsFile, "utf8") + '  apiToken: "supersecret-value"\n');
    const { child, output, exited } = ditRun([secretDir, "--ledger-url", standIn.url, "--party", "Alice", "--port", "0", "--host", "127.0.0.1",
      "--token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl"]);
    try {
      await waitFor(child, output, /Starting integration with metadata: .*"apiToken":"\[REDACTED\]"/);
      await waitFor(child, output, /Configuration: .*"ledgerToken":"\[REDACTED\]"/);
      await waitFor(child, output, /webhook: GET/); // printed just before the signal handlers are installed
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output.text).not.toContain("supersecret-value");
    expect(output.text).not.toContain("c2lnbmF0dXJlLXZhbHVl");
  }, 30_000);
});
