// A local Daml ledger for `dit sandbox` and `dit run --sandbox`: Daml Sandbox 1.13.1 (@dit/daml-sandbox, from Maven
// Central; needs Java and Maven) with @dit/json-api in front of it, the given DARs uploaded and parties allocated
// through the JSON API (so a bad DAR is reported with the ledger's own reason).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { DAML_SANDBOX_VERSION, startDamlSandbox } from "@dit/daml-sandbox";
import { startJsonApi } from "@dit/json-api";

export interface LocalLedgerOptions {
  readonly ledgerId: string;
  readonly dars: readonly string[];
  readonly parties: readonly string[];
  /** JSON API port (0: any free one). */
  readonly jsonApiPort?: number;
  /** Ledger API (gRPC) port (0: any free one). */
  readonly ledgerPort?: number;
  readonly progress: (line: string) => void;
}

export interface LocalLedger {
  /** JSON API base URL, ending in `/`. */
  readonly url: string;
  readonly ledgerAddress: string;
  readonly ledgerId: string;
  /** Allocated party ids by the names asked for (on this sandbox, the same strings). */
  readonly parties: ReadonlyMap<string, string>;
  /** An unsigned custom-claims token for these parties (the sandbox checks no signatures). */
  token(actAs: readonly string[]): string;
  stop(): Promise<void>;
}

export async function startLocalLedger(options: LocalLedgerOptions): Promise<LocalLedger> {
  options.progress(`starting Daml Sandbox ${DAML_SANDBOX_VERSION} (the first start downloads it from Maven Central)…`);
  const sandbox = await startDamlSandbox({ ledgerId: options.ledgerId, port: options.ledgerPort ?? 0 });
  let jsonApi;
  try {
    jsonApi = await startJsonApi({ ledger: sandbox.address, port: options.jsonApiPort ?? 0 });
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
  const api = jsonApi;
  const stop = async () => {
    await api.close();
    await sandbox.stop();
  };
  const token = (actAs: readonly string[]) => unsignedToken(options.ledgerId, actAs);
  try {
    const admin = { authorization: `Bearer ${token([])}` };
    for (const dar of options.dars) {
      const response = await fetch(`${api.url}v1/packages`, { method: "POST", headers: { ...admin, "content-type": "application/octet-stream" }, body: readFileSync(dar) });
      if (!response.ok) throw new Error(`the sandbox refused ${basename(dar)}: ${await errorText(response)}`);
      options.progress(`uploaded ${basename(dar)}`);
    }
    const parties = new Map<string, string>();
    for (const party of options.parties) {
      const response = await fetch(`${api.url}v1/parties/allocate`, { method: "POST", headers: { ...admin, "content-type": "application/json" },
        body: JSON.stringify({ identifierHint: party, displayName: party }) });
      if (!response.ok) throw new Error(`cannot allocate party ${party}: ${await errorText(response)}`);
      parties.set(party, ((await response.json()) as { result: { identifier: string } }).result.identifier);
    }
    return { url: api.url, ledgerAddress: sandbox.address, ledgerId: options.ledgerId, parties, token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function errorText(response: Response): Promise<string> {
  const text = await response.text();
  try {
    return ((JSON.parse(text) as { errors?: string[] }).errors ?? [text]).join("; ");
  } catch {
    return `HTTP ${response.status} ${text}`;
  }
}

function unsignedToken(ledgerId: string, actAs: readonly string[]): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ "https://daml.com/ledger-api": { ledgerId, applicationId: "dit", actAs, readAs: actAs, admin: true } })}.${part("unsigned")}`;
}
