// `dit test` end to end: spawn bin/dit on fresh `dit init` projects (no node_modules, nothing installed) and on small
// hand-written ones.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { dit, tempDir } from "./pack-fixtures.js";

const work = tempDir("dit-test-");
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function scaffold(sub: string): Promise<string> {
  const r = await dit(["init", sub], work);
  expect(r.code).toBe(0);
  return join(work, sub);
}

const env = { NO_COLOR: "1" };

describe("dit test on a fresh dit init project", () => {
  test("passes with no install: the scaffold's tests run against the host's @dit/core/testing", async () => {
    const dir = await scaffold("fresh");
    expect(existsSync(join(dir, "node_modules"))).toBe(false);
    const r = await dit(["test"], dir, env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("✔ counts the contracts of the template: those active at start-up, then new ones");
    expect(r.stdout).toContain("✔ the summary webhook is public, and the default template is *");
    expect(r.stdout).toMatch(/ℹ pass 2\n/);
    expect(r.stdout).toMatch(/ℹ fail 0\n/);
    // From another directory, naming the project: the tests still run in it.
    expect((await dit(["test", "fresh"], work, env)).code).toBe(0);
  }, 60_000);

  test("a failing assertion exits 1 and names the test, its message and its line in the .ts source", async () => {
    const dir = await scaffold("failing");
    const file = join(dir, "src/main.test.ts");
    writeFileSync(file, readFileSync(file, "utf8") + `
test("the summary counts what it has not seen", async () => {
  t = await testIntegration(".");
  await t.start();
  const summary = await t.webhook("GET", "/summary");
  assert.equal((summary.body as { created: number }).created, 3, "three contracts expected");
});
`);
    const r = await dit(["test"], dir, env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("✖ the summary counts what it has not seen");
    expect(r.stdout).toContain("three contracts expected");
    expect(r.stdout).toMatch(/src\/main\.test\.ts:\d+:\d+/);
    expect(r.stdout).toMatch(/ℹ pass 2\n/);
    expect(r.stdout).toMatch(/ℹ fail 1\n/);
    // --name-pattern runs only the matching tests.
    const only = await dit(["test", "--name-pattern", "public"], dir, env);
    expect(only.code).toBe(0);
    expect(only.stdout).toMatch(/ℹ pass 1\n/);
  }, 60_000);
});

describe("dit test on hand-written projects", () => {
  test("an entrypoint function tested directly: webhook auth with the test JWKS, timers, queue; local imports and import.meta.url", async () => {
    const dir = join(work, "plain");
    mkdirSync(join(dir, "test"), { recursive: true });
    writeFileSync(join(dir, "greeting.json"), JSON.stringify({ text: "hello" }));
    writeFileSync(join(dir, "lib.ts"), `
import { AuthLevel, create, type IntegrationEvents, type IntegrationEnv } from "@dit/core";
export function integration(env: IntegrationEnv, events: IntegrationEvents) {
  events.webhook.post((r) => ({ json: { actAs: r.claims?.actAs } }), { urlSuffix: "/me", auth: AuthLevel.ANY_PARTY });
  events.time.periodicInterval(10, () => env.queue.put("tick"));
  events.queue.message((m) => create(env.tid("Main:Note"), { text: String(m) }));
}
`);
    writeFileSync(join(dir, "test/lib.test.ts"), `
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { testIntegration } from "@dit/core/testing";
import { integration } from "../lib.js";

test("auth, a timer and the queue", async () => {
  const t = await testIntegration(integration);
  await t.start();
  assert.equal((await t.webhook("POST", "/me")).status, 401);
  assert.deepEqual((await t.webhook("POST", "/me", { party: "Bob" })).body, { actAs: ["Bob"] });
  await t.advance(10_000);
  assert.deepEqual(t.submitted(), [{ kind: "create", templateId: t.tid("Main:Note"), payload: { text: "tick" } }]);
  await t.stop();
});

test("import.meta.url is the source file's", () => {
  const greeting = JSON.parse(readFileSync(new URL("../greeting.json", import.meta.url), "utf8"));
  assert.equal(greeting.text, "hello");
});
`);
    const r = await dit(["test", "plain"], work, env);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/ℹ pass 2\n/);
    expect(r.code).toBe(0);
  }, 60_000);

  test("no test files: exit 1 and a hint; not a directory: exit 2; a syntax error: exit 1 with its place", async () => {
    const empty = join(work, "empty");
    mkdirSync(join(empty, "node_modules/x"), { recursive: true });
    writeFileSync(join(empty, "node_modules/x/a.test.ts"), "");
    const none = await dit(["test", "empty"], work, env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("dit: no test files in empty (looked for *.test.ts");

    const missing = await dit(["test", "nowhere"], work, env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("dit: nowhere is not a directory");
    expect((await dit(["test", "empty", "--name-pattern", "("], work, env)).code).toBe(2);

    const broken = join(work, "broken");
    mkdirSync(broken);
    writeFileSync(join(broken, "x.test.ts"), "const = 1;\n");
    const r = await dit(["test", "broken"], work, env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dit: bundling the tests failed:\n {2}x\.test\.ts:1:\d+: /);
  }, 60_000);
});
