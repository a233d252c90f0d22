// vitest globalSetup: starts one real Daml sandbox (scripts/real-ledger) for the whole run, in the background, so
// unit tests run while the JVM starts; tests that need it wait in realLedger(). DIT_SANDBOX_ADDRESS points the tests
// at a sandbox that is already running instead; DIT_REAL_LEDGER=0 starts none (those tests then skip, or fail when
// DIT_REQUIRE_REAL_LEDGER=1).
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startDamlSandbox } from "@dit/daml-sandbox";
import type { TestProject } from "vitest/node";
import { realLedgerPlan, repoRoot, type RealLedgerInfo } from "./real-ledger.js";

declare module "vitest" {
  export interface ProvidedContext {
    ditRealLedger: RealLedgerInfo;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const plan = realLedgerPlan();
  const id = `${process.pid}-${Date.now()}`;
  const info: RealLedgerInfo = {
    ledgerId: "dit-sandbox",
    portFile: join(repoRoot, `.cache/real-ledger/vitest-${id}.port`),
    errorFile: join(repoRoot, `.cache/real-ledger/vitest-${id}.error`),
    address: process.env.DIT_SANDBOX_ADDRESS ?? null,
    enabled: plan.enabled,
    reason: plan.reason,
  };
  project.provide("ditRealLedger", info);
  if (!plan.enabled || info.address) return async () => {};
  let sandbox: Awaited<ReturnType<typeof startDamlSandbox>> | undefined;
  const starting = (async () => {
    // The sandbox writes the port file itself once it serves; tests poll for it.
    sandbox = await startDamlSandbox({ ledgerId: info.ledgerId, portFile: info.portFile, cacheDir: join(repoRoot, ".cache/real-ledger") });
  })().catch((error: unknown) => {
    writeFileSync(info.errorFile, error instanceof Error ? error.message : String(error));
  });
  return async () => {
    await starting;
    await sandbox?.stop();
    rmSync(info.errorFile, { force: true });
  };
}
