// A small HTTP + WebSocket server on 127.0.0.1 that answers the JSON API v1 shapes of ledger-protocol.md §1
// (envelopes, /v1/create, /v1/exercise, /v1/create-and-exercise, /v1/query, /v1/packages, /v1/stream/query with
// the daml.ws.auth subprotocol), backed by a MemoryLedger. A unit-level stand-in for tests: it checks no tokens,
// runs no Daml, and is NOT evidence of conformance with a real ledger.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { type ActiveContract, type LedgerEvent, LedgerError } from "../types.js";
import { MemoryLedger } from "./memory-ledger.js";

export interface JsonApiStandIn {
  readonly url: string;
  readonly ledger: MemoryLedger;
  /** Requests received, as `METHOD path`. */
  readonly requests: string[];
  /** Drops every open stream socket (a lost connection). */
  dropStreams(): void;
  close(): Promise<void>;
}

export async function startJsonApiStandIn(options: { ledger?: MemoryLedger; port?: number } = {}): Promise<JsonApiStandIn> {
  const ledger = options.ledger ?? new MemoryLedger();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method ?? "?"} ${req.url ?? ""}`);
    void handle(ledger, req, res);
  });
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has("daml.ws.auth") ? "daml.ws.auth" : false) });
  server.on("upgrade", (req, socket, head) => {
    requests.push(`WS ${req.url ?? ""}`);
    const protocols = String(req.headers["sec-websocket-protocol"] ?? "");
    if (req.url !== "/v1/stream/query" || !protocols.includes("daml.ws.auth") || !protocols.includes("jwt.token.")) {
      socket.end("HTTP/1.1 401 Unauthorized\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      let offset: string | undefined;
      let stream: { close(): void } | undefined;
      ws.on("message", (data) => {
        const message = JSON.parse(data.toString()) as unknown;
        if (!Array.isArray(message)) {
          offset = (message as { offset?: string }).offset;
          return;
        }
        if (stream) {
          ws.send(JSON.stringify({ errors: ["Multiple requests over the same WebSocket connection are not allowed."], status: 400 }));
          return;
        }
        const templateIds = (message as Array<{ templateIds: string[] }>).flatMap((q) => q.templateIds);
        stream = ledger.stream({ templateIds, ...(offset !== undefined ? { offset } : {}) }, {
          message: (m) => ws.send(JSON.stringify("offset" in m
            ? { events: wire(m.events).map((e) => ("created" in e ? { ...e, matchedQueries: [0] } : e)), offset: m.offset }
            : { events: wire(m.events).map((e) => ({ ...e, matchedQueries: [0] })) })),
          closed: (info) => ws.close(info.code === 1006 ? 1011 : info.code, info.reason),
        });
      });
      ws.on("close", () => stream?.close());
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    ledger,
    requests,
    dropStreams: () => {
      for (const client of wss.clients) client.terminate();
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

async function handle(ledger: MemoryLedger, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const ok = (result: unknown) => reply(200, { status: 200, result });
  try {
    if (!req.headers.authorization?.startsWith("Bearer ") && req.url !== "/livez") {
      return reply(401, { status: 401, errors: ["missing Authorization header with OAuth 2.0 Bearer Token"] });
    }
    const body = req.method === "POST" ? await readJson(req) : undefined;
    const url = req.url ?? "";
    if (req.method === "GET" && url === "/livez") return void res.writeHead(200).end();
    if (req.method === "GET" && url === "/v1/packages") return ok(await ledger.listPackages());
    if (req.method === "GET" && url.startsWith("/v1/packages/")) {
      const bytes = await ledger.getPackage(decodeURIComponent(url.slice("/v1/packages/".length)));
      return void res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.from(bytes));
    }
    const b = (body ?? {}) as Record<string, unknown>;
    if (req.method === "POST" && url === "/v1/query") return ok((await ledger.query(b.templateIds as string[])).map(withAgreement));
    if (req.method === "POST" && url === "/v1/create") {
      const r = await ledger.create(b.templateId as string, b.payload);
      return ok({ ...wire(r.events)[0]?.created, completionOffset: ledger.offset });
    }
    if (req.method === "POST" && url === "/v1/exercise") {
      const r = b.key !== undefined
        ? await ledger.exerciseByKey(b.templateId as string, b.key, b.choice as string, b.argument)
        : await ledger.exercise(b.templateId as string, b.contractId as string, b.choice as string, b.argument);
      return ok({ exerciseResult: r.exerciseResult ?? {}, events: wire(r.events), completionOffset: ledger.offset });
    }
    if (req.method === "POST" && url === "/v1/create-and-exercise") {
      const r = await ledger.createAndExercise(b.templateId as string, b.payload, b.choice as string, b.argument);
      return ok({ exerciseResult: r.exerciseResult ?? {}, events: wire(r.events), completionOffset: ledger.offset });
    }
    return reply(404, { status: 404, errors: [`HttpMethod(${req.method ?? ""}), uri: ${url}`] });
  } catch (error) {
    if (res.headersSent) return;
    const status = error instanceof LedgerError && error.status ? error.status : 500;
    return reply(status, { status, errors: [error instanceof Error ? error.message : String(error)] });
  }
}

// CreatedEvents on the wire also carry agreementText, which @daml/ledger's decoder requires.
const withAgreement = (c: ActiveContract) => ({ ...c, agreementText: "" });
const wire = (events: readonly LedgerEvent[]) =>
  events.map((e) => ("created" in e ? { created: withAgreement(e.created) } : { archived: e.archived }));

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(text ? JSON.parse(text) : undefined);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    req.on("error", reject);
  });
}
