// Support for end-to-end tests on the real Daml sandbox: the relay model (a DAR built with @dit/daml-lf's
// PackageBuilder, so no third-party DAR), parties, tokens, @daml/ledger clients, and the JSON API as a process.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as jtv from "@mojotech/json-type-validation";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const require = createRequire(import.meta.url);
// @daml/ledger is CommonJS; its default export is the Ledger class.
const Ledger = (require("@daml/ledger") as { default: LedgerClass }).default;

export interface DamlLedger {
  create(template: unknown, payload: unknown): Promise<{ contractId: string }>;
  query(template: unknown, query?: unknown): Promise<Array<{ contractId: string; payload: Record<string, unknown> }>>;
  allocateParty(options: { identifierHint?: string; displayName?: string }): Promise<{ identifier: string }>;
  uploadDarFile(bytes: Uint8Array): Promise<void>;
}
type LedgerClass = new (options: { token: string; httpBaseUrl: string }) => DamlLedger;

/** The relay fixture's model (fixtures/integrations/relay/model.mjs). */
export { buildRelayDar } from "../../../fixtures/integrations/relay/model.mjs";

/** An unsigned-but-well-formed legacy-claims token (the sandbox runs without auth; the JSON API only reads claims). */
export function ledgerToken(ledgerId: string, actAs: string[], applicationId = "dit-e2e"): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ "https://daml.com/ledger-api": { ledgerId, applicationId, actAs, readAs: actAs, admin: true } })}.${part("unsigned")}`;
}

export function damlLedger(url: string, token: string): DamlLedger {
  return new Ledger({ token, httpBaseUrl: url });
}

/** A fresh party per call, so tests sharing the run's sandbox see only their own contracts. */
export async function allocate(ledger: DamlLedger, hint: string): Promise<string> {
  return (await ledger.allocateParty({ identifierHint: `${hint}-${randomBytes(4).toString("hex")}` })).identifier;
}

/** Dynamic template objects for @daml/ledger (ledger-protocol.md §1.10): identity encoders, any-JSON decoders. */
export function template(templateId: string): unknown {
  const decoder = jtv.unknownJson();
  return { templateId, sdkVersion: "2.10.4", decoder, keyDecoder: decoder, encode: (x: unknown) => x, keyEncode: (x: unknown) => x };
}

/** `node packages/json-api/dist/main.js` as its own process (so a test can kill it), on a given or free port. */
export async function startJsonApiProcess(ledgerAddress: string, port = 0): Promise<{ url: string; port: number; child: ChildProcess; kill(signal?: NodeJS.Signals): Promise<void> }> {
  const portFile = join(tmpdir(), `dit-json-api-${process.pid}-${randomBytes(4).toString("hex")}.port`);
  const child = spawn(process.execPath, [join(repo, "packages/json-api/dist/main.js"), "--ledger", ledgerAddress, "--port", String(port), "--host", "127.0.0.1", "--port-file", portFile],
    { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const deadline = Date.now() + 60_000;
  while (!existsSync(portFile) || !/^\d+\s*$/.test(readFileSync(portFile, "utf8"))) {
    if (child.exitCode !== null) throw new Error(`dit-json-api exited ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) throw new Error(`dit-json-api did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const actual = Number(readFileSync(portFile, "utf8").trim());
  rmSync(portFile, { force: true });
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    child,
    kill: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
