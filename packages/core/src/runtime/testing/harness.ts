// Test harness: a runtime on a MemoryLedger and a ManualClock, with an inline entrypoint.
import type { IntegrationConfig } from "@dit/meta";
import { MemoryLedger } from "../../ledger/testing/memory-ledger.js";
import type { EntryPoint, IntegrationRuntime, RuntimeOptions } from "../runtime.js";
import { IntegrationRuntime as Runtime } from "../runtime.js";
import { plainConfig } from "../../testing/integration-test.js";
import { flush, ManualClock } from "./manual-clock.js";

export const PKG = "a".repeat(64);

export const testConfig = (values: IntegrationConfig["values"] = {}, extra: Partial<IntegrationConfig["type"]> = {}): IntegrationConfig =>
  plainConfig(values, extra);

export interface Harness {
  runtime: IntegrationRuntime;
  ledger: MemoryLedger;
  clock: ManualClock;
  settle(): Promise<void>;
}

export async function harness(entrypoint: EntryPoint, options: Partial<RuntimeOptions> & { ledger?: MemoryLedger } = {}): Promise<Harness> {
  const ledger = options.ledger ?? new MemoryLedger();
  const clock = new ManualClock();
  const loaded = await Runtime.load({
    root: "/nonexistent", config: testConfig(), damlModel: { name: "m", version: "1.0.0", main_package_id: PKG }, party: "Alice",
    ledger, clock, entrypoint, reconnect: { initialMs: 100, maxMs: 1000, giveUpAfterMs: 60_000 }, ...options,
  });
  if (!loaded.ok) throw loaded.error;
  return { runtime: loaded.runtime, ledger, clock, settle: () => flush() };
}
