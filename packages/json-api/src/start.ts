// Connects to a Ledger API (retrying while it starts) and serves the JSON API on it.
import { LedgerApi } from "@dit/ledger-api";
import type { AddressInfo } from "node:net";
import { buildJsonApiServer } from "./server.js";

export interface StartJsonApiOptions {
  /** `host:port` of the gRPC Ledger API. */
  readonly ledger: string;
  readonly port?: number;
  readonly host?: string;
  readonly heartbeatMs?: number;
  /** How long to wait for the ledger to answer. Default 60 s. */
  readonly connectTimeoutMs?: number;
}

export interface JsonApi {
  /** Base URL, ending in `/` as @daml/ledger wants it. */
  readonly url: string;
  readonly port: number;
  readonly ledgerId: string;
  close(): Promise<void>;
}

export async function startJsonApi(options: StartJsonApiOptions): Promise<JsonApi> {
  const deadline = Date.now() + (options.connectTimeoutMs ?? 60_000);
  let api: LedgerApi | undefined;
  for (;;) {
    try {
      api = await LedgerApi.connect(options.ledger, { deadlineMs: 30_000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`no Ledger API at ${options.ledger}: ${error instanceof Error ? error.message : String(error)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const connected = api;
  const app = await buildJsonApiServer({ api: connected, ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}) });
  const host = options.host ?? "127.0.0.1";
  await app.listen({ port: options.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    port,
    ledgerId: connected.ledgerId,
    close: async () => {
      await app.close();
      connected.close();
    },
  };
}
