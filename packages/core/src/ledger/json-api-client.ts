// The LedgerClient on a JSON API v1 (ledger-protocol.md §1): commands, queries and packages through @daml/ledger
// 2.10.4; the query stream on its own WebSocket with the same protocol (subprotocols, request array, leading
// `{"offset"}`), because @daml/ledger's Stream hides offsets and reconnects on its own terms, and the supervisor
// needs both to resume without loss or duplicates.
import { Ledger } from "@daml/ledger";
import WebSocket from "ws";
import type { Log } from "../runtime/log.js";
import { TemplateCache } from "./dynamic-templates.js";
import { routeDamlLedgerConsole } from "./daml-ledger-console.js";
import type { PackageCatalog } from "./package-catalog.js";
import {
  type ActiveContract, type CommandMeta, type CommandResult, type LedgerClient, LedgerError, type LedgerEvent, type LedgerStream, type StreamObserver,
  type StreamRequest,
} from "./types.js";

export interface JsonApiOptions {
  /** The JSON API base URL, e.g. http://localhost:7575/ (a missing trailing slash is added). */
  url: string;
  token: string;
  log: Log;
}

export class JsonApiLedger implements LedgerClient {
  private readonly ledger: Ledger;
  private readonly templates = new TemplateCache();
  private readonly httpBase: string;
  private readonly wsBase: string;
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly options: JsonApiOptions) {
    this.httpBase = options.url.endsWith("/") ? options.url : `${options.url}/`;
    this.wsBase = "ws" + this.httpBase.slice(4);
    this.ledger = new Ledger({ token: options.token, httpBaseUrl: this.httpBase, wsBaseUrl: this.wsBase });
    routeDamlLedgerConsole(options.log);
  }

  /** Known packages make payload encoding typed (see dynamic-templates.ts). */
  useCatalog(catalog: PackageCatalog): void {
    this.templates.useCatalog(catalog);
  }

  listPackages(): Promise<string[]> {
    return this.call(() => this.ledger.listPackages());
  }

  async getPackage(packageId: string): Promise<Uint8Array> {
    return new Uint8Array(await this.call(() => this.ledger.getPackage(packageId)));
  }

  async query(templateIds: readonly string[]): Promise<ActiveContract[]> {
    const results = await Promise.all(templateIds.map((id) => this.call(() => this.ledger.query(this.templates.template(id)))));
    return results.flat().map(toActiveContract);
  }

  async create(templateId: string, payload: unknown, meta?: CommandMeta): Promise<CommandResult> {
    const created = await this.call(() => this.ledger.create(this.templates.template(templateId), payload as Record<string, unknown>, wireMeta(meta)));
    return { events: [{ created: toActiveContract(created) }] };
  }

  async exercise(templateId: string, contractId: string, choice: string, argument: unknown, meta?: CommandMeta): Promise<CommandResult> {
    const [exerciseResult, events] = await this.call(() =>
      this.ledger.exercise(this.templates.choice(templateId, choice), contractId as never, argument, wireMeta(meta)));
    return { exerciseResult, events: events.map(toLedgerEvent) };
  }

  async createAndExercise(templateId: string, payload: unknown, choice: string, argument: unknown, meta?: CommandMeta): Promise<CommandResult> {
    const [exerciseResult, events] = await this.call(() =>
      this.ledger.createAndExercise(this.templates.choice(templateId, choice) as never, payload as Record<string, unknown>, argument, wireMeta(meta)));
    return { exerciseResult, events: events.map(toLedgerEvent) };
  }

  async exerciseByKey(templateId: string, key: unknown, choice: string, argument: unknown, meta?: CommandMeta): Promise<CommandResult> {
    const [exerciseResult, events] = await this.call(() =>
      this.ledger.exerciseByKey(this.templates.choice(templateId, choice) as never, key, argument, wireMeta(meta)));
    return { exerciseResult, events: events.map(toLedgerEvent) };
  }

  stream(request: StreamRequest, observer: StreamObserver): LedgerStream {
    const socket = new WebSocket(`${this.wsBase}v1/stream/query`, [`jwt.token.${this.options.token}`, "daml.ws.auth"]);
    this.sockets.add(socket);
    let closedByUs = false;
    let permanent = false;
    let reported = false;
    const report = (code: number, reason: string) => {
      this.sockets.delete(socket);
      if (reported || closedByUs) return;
      reported = true;
      observer.closed({ code, reason, permanent });
    };
    socket.on("open", () => {
      if (request.offset !== undefined) socket.send(JSON.stringify({ offset: request.offset }));
      socket.send(JSON.stringify([{ templateIds: request.templateIds }]));
    });
    socket.on("message", (data) => {
      let message: { events?: unknown[]; offset?: string | null; errors?: string[]; status?: number; warnings?: unknown };
      try {
        message = JSON.parse(data.toString()) as typeof message;
      } catch {
        this.options.log.warn("JSON API stream: a message that is not JSON was ignored");
        return;
      }
      if (message.errors) {
        permanent = message.status === 400 || message.status === 401 || message.status === 403;
        this.options.log.error(`JSON API stream error ${message.status ?? ""}: ${message.errors.join("; ")}`);
        return;
      }
      if (message.warnings) this.options.log.warn(`JSON API stream warnings: ${JSON.stringify(message.warnings)}`);
      if (!Array.isArray(message.events)) return;
      const events = message.events.flatMap((e) => (isEvent(e) ? [toLedgerEvent(e)] : []));
      observer.message("offset" in message ? { events, offset: message.offset ?? null } : { events });
    });
    socket.on("unexpected-response", (_req, res) => {
      permanent = res.statusCode === 401 || res.statusCode === 403;
      report(res.statusCode ?? 0, `HTTP ${res.statusCode ?? "?"} on the stream handshake`);
      socket.terminate();
    });
    socket.on("error", (error) => report(1006, error.message));
    socket.on("close", (code, reason) => report(code, reason.toString() || "closed"));
    return {
      close: () => {
        closedByUs = true;
        socket.close(1000);
      },
    };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.close(1000);
  }

  /** @daml/ledger throws `{status, errors}` objects (or a fetch TypeError when the server is unreachable). */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toLedgerError(error);
    }
  }
}

// @daml/ledger types CommandMeta narrowly but sends the object verbatim; the JSON API reads `commandId` from it.
const wireMeta = (meta: CommandMeta | undefined): never => (meta?.commandId ? { commandId: meta.commandId } : undefined) as never;

export function toLedgerError(error: unknown): LedgerError {
  if (error instanceof LedgerError) return error;
  if (typeof error === "object" && error !== null && "status" in error && "errors" in error) {
    const { status, errors } = error as { status: number; errors: string[] };
    const code = status === 401 || status === 403 ? "ledger/unauthorized" : "ledger/rejected";
    return new LedgerError(code, `JSON API ${status}: ${errors.join("; ")}`, status, errors);
  }
  if (error instanceof Error) return new LedgerError("ledger/unreachable", `JSON API unreachable: ${error.message}`);
  // A jtv decoding failure: the server answered something @daml/ledger does not understand.
  const message = typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
  return new LedgerError("ledger/protocol", `unexpected JSON API answer: ${message}`);
}

interface WireContract { contractId: string; templateId: string; payload: unknown; key?: unknown; signatories?: string[]; observers?: string[] }

function toActiveContract(c: WireContract): ActiveContract {
  return {
    contractId: c.contractId, templateId: c.templateId, payload: (c.payload ?? {}) as Record<string, unknown>,
    ...(c.key !== undefined ? { key: c.key } : {}), signatories: c.signatories ?? [], observers: c.observers ?? [],
  };
}

function toLedgerEvent(e: unknown): LedgerEvent {
  const event = e as { created?: WireContract; archived?: { contractId: string; templateId: string } };
  if (event.created) return { created: toActiveContract(event.created) };
  const archived = event.archived as { contractId: string; templateId: string };
  return { archived: { contractId: archived.contractId, templateId: archived.templateId } };
}

const isEvent = (e: unknown): boolean => typeof e === "object" && e !== null && ("created" in e || "archived" in e);
