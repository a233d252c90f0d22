// The real Daml ledger for tests (Daml Sandbox 1.13.1 from Maven Central, started once per vitest run by
// real-ledger-setup.ts). Tests that need it use describeRealLedger(); they skip when no Java or Maven is here,
// unless DIT_REQUIRE_REAL_LEDGER=1 (CI), where a ledger that cannot start fails them loudly.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, inject } from "vitest";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface RealLedgerInfo {
  ledgerId: string;
  portFile: string;
  errorFile: string;
  /** Set when DIT_SANDBOX_ADDRESS names an already running sandbox. */
  address: string | null;
  enabled: boolean;
  reason: string;
}

export interface RealLedger {
  /** `host:port` of the gRPC Ledger API. */
  address: string;
  ledgerId: string;
}

export const realLedgerRequired = process.env.DIT_REQUIRE_REAL_LEDGER === "1";

const onPath = (cmd: string) => {
  try {
    execFileSync(cmd, ["-version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

export function realLedgerPlan(): { enabled: boolean; reason: string } {
  if (process.env.DIT_JSON_API_URL) return { enabled: true, reason: `DIT_JSON_API_URL=${process.env.DIT_JSON_API_URL}` };
  if (process.env.DIT_SANDBOX_ADDRESS) return { enabled: true, reason: `DIT_SANDBOX_ADDRESS=${process.env.DIT_SANDBOX_ADDRESS}` };
  if (process.env.DIT_REAL_LEDGER === "0") return { enabled: realLedgerRequired, reason: "DIT_REAL_LEDGER=0" };
  if (realLedgerRequired) return { enabled: true, reason: "DIT_REQUIRE_REAL_LEDGER=1" };
  if (!onPath("java") || !onPath("mvn")) return { enabled: false, reason: "no java or mvn on PATH (set DIT_REQUIRE_REAL_LEDGER=1 to make this fail)" };
  return { enabled: true, reason: "java and mvn found" };
}

let cached: Promise<RealLedger> | undefined;

/** Waits for the run's sandbox (up to 4 minutes: a fresh machine downloads it from Maven Central first). */
export function realLedger(): Promise<RealLedger> {
  cached ??= (async () => {
    const info = inject("ditRealLedger");
    if (info.address) return { address: info.address, ledgerId: process.env.DIT_SANDBOX_LEDGER_ID ?? info.ledgerId };
    if (!info.enabled) throw new Error(`the real ledger is off here: ${info.reason}`);
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      if (existsSync(info.errorFile)) throw new Error(`the real Daml sandbox could not start: ${readFileSync(info.errorFile, "utf8")}`);
      if (existsSync(info.portFile)) {
        const port = readFileSync(info.portFile, "utf8").trim();
        if (/^\d+$/.test(port)) return { address: `127.0.0.1:${port}`, ledgerId: info.ledgerId };
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error("the real Daml sandbox did not start within 240 s");
  })();
  return cached;
}

/** `describe` for tests on the real ledger: skipped (with the reason) only where it is not required and not available. */
export function describeRealLedger(name: string, body: () => void): void {
  const plan = realLedgerPlan();
  if (plan.enabled) describe(name, body);
  else describe.skip(`${name} (real ledger off: ${plan.reason})`, body);
}
