// Tests of src/main.ts. Run them with `dit test` (or `npm test`): no install needed, dit provides @dit/core.
// testIntegration loads the integration as `dit run` does (the entrypoint and fields of dit-meta.yaml, defaults
// applied) on an in-memory ledger, with a clock that moves only when a test advances it, behind the real webhook
// routing and auth. See "Testing your integration" in @dit/core's README.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { type IntegrationTest, testIntegration } from "@dit/core/testing";

// A full template id (package id:Module:Entity): the in-memory ledger has no packages, so `*` matches nothing there.
const THING = `${"0".repeat(64)}:Main:Thing`;

let t: IntegrationTest | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

test("counts the contracts of the template: those active at start-up, then new ones", async () => {
  t = await testIntegration(".", { config: { templateId: THING } });
  const early = t.ledger.createContract(THING, { owner: "Alice" });
  await t.start();
  let summary = await t.webhook("GET", "/summary");
  assert.equal(summary.status, 200);
  assert.deepEqual(summary.body, { party: "Alice", templateId: THING, created: 1, latest: { cid: early.contractId, templateId: THING, initial: true } });

  const late = t.ledger.createContract(THING, { owner: "Bob" });
  await t.settle();
  summary = await t.webhook("GET", "/summary");
  assert.deepEqual(summary.body, { party: "Alice", templateId: THING, created: 2, latest: { cid: late.contractId, templateId: THING, initial: false } });
  assert.deepEqual(t.submitted(), [], "it only watches: no commands");
});

test("the summary webhook is public, and the default template is *", async () => {
  t = await testIntegration(".", { party: "Bob" });
  await t.start();
  const summary = await t.webhook("GET", "/summary");
  assert.equal(summary.status, 200);
  assert.deepEqual(summary.body, { party: "Bob", templateId: "*", created: 0, latest: null });
  const status = await t.status();
  assert.equal(status.ready, true);
});
