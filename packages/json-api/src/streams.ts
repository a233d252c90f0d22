// WebSocket streams (ledger-protocol.md §1.6): /v1/stream/query and /v1/stream/fetch. One request per connection;
// an optional leading {"offset"} message; without an offset the active contracts come first, then a live marker
// {"events":[],"offset"}; then one message per transaction that touches the request, and heartbeats.
import type { TemplateSummary } from "@dit/daml-lf";
import { normalizeLfJson } from "@dit/daml-lf";
import { formatApiIdentifier, type LedgerApi, type ServerStream } from "@dit/ledger-api";
import type { WebSocket } from "ws";
import type { PackageCatalog } from "./catalog.js";
import { activeContracts, contractJson, transactionFilter, type ApiArchivedEvent, type ApiCreatedEvent } from "./contracts.js";
import { badRequest, toJsonApiError } from "./errors.js";
import { compileQuery, type Predicate } from "./queries.js";
import { readingParties, type TokenClaims } from "./tokens.js";

export interface StreamOptions {
  api: LedgerApi;
  catalog: PackageCatalog;
  claims: TokenClaims;
  heartbeatMs: number;
}

/** One compiled request item: which templates, and which of their contracts it matches. */
interface Matcher {
  templates: TemplateSummary[];
  matches(templateId: string, payload: unknown, key: unknown): boolean;
  offset?: string;
}

export function serveStream(socket: WebSocket, kind: "query" | "fetch", options: StreamOptions): void {
  let defaultOffset: string | undefined;
  let started = false;
  let ledgerStream: ServerStream<unknown> | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let closed = false;
  const send = (message: unknown) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(message));
  const stop = () => {
    closed = true;
    clearInterval(heartbeat);
    ledgerStream?.cancel();
  };
  socket.on("close", stop);
  socket.on("message", (data) => {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      send({ errors: ["the request is not JSON"], status: 400 });
      return;
    }
    if (!started && isOffsetOnly(message)) {
      defaultOffset = message.offset;
      return;
    }
    if (started) {
      send({ errors: ["Multiple requests over the same WebSocket connection are not allowed."], status: 400 });
      return;
    }
    started = true;
    void run(message).catch((error: unknown) => {
      const failure = toJsonApiError(error);
      send(failure.body());
      socket.close(failure.status >= 500 ? 1011 : 1000, failure.errors[0]?.slice(0, 120));
    });
  });

  async function run(request: unknown): Promise<void> {
    const items = Array.isArray(request) ? request : [request];
    const { matchers, unknown, knownIds } = await compileRequest(items, kind, options);
    known = knownIds;
    // A query's own offset wins over the leading {offset}; queries with neither get the active contracts.
    compiled = matchers.map((m) => (m.offset === undefined && defaultOffset !== undefined ? { ...m, offset: defaultOffset } : m));
    if (unknown.length > 0) send({ warnings: { unknownTemplateIds: unknown } });
    const templates = [...new Map(compiled.flatMap((m) => m.templates).map((t) => [t.templateId, t])).values()];
    if (templates.length === 0) throw badRequest("Cannot resolve any template ID from request");
    const parties = readingParties(options.claims);
    const token = options.claims.token;
    if (compiled.some((m) => m.offset === undefined)) {
      const snapshot = await activeContracts(options.api, parties, templates, token);
      const events = [];
      for (const event of snapshot.events) {
        const created = await renderCreated(event);
        if (created) events.push(created);
      }
      if (events.length > 0) send({ events });
      acsOffset = snapshot.offset;
    }
    // Replay from the earliest offset asked for; until the snapshot's offset only queries with offsets match.
    const offset = [acsOffset, ...compiled.map((m) => m.offset)].filter((o): o is string => o !== undefined).sort()[0] ?? "";
    if (closed) return; // the client left while the snapshot was read
    const marker = acsOffset ?? offset;
    let last: string | null = marker === "" ? null : marker;
    send({ events: [], offset: last });
    // Heartbeats carry the last offset, so they start once one is known (not on an empty ledger).
    heartbeat = setInterval(() => last !== null && send({ events: [], offset: last }), options.heartbeatMs);
    heartbeat.unref();
    const begin = offset === "" ? { boundary: "LEDGER_BEGIN" } : { absolute: offset };
    ledgerStream = options.api.stream("TransactionService/GetTransactions", {
      ledgerId: options.api.ledgerId, begin, filter: transactionFilter(parties, templates), verbose: true,
    }, { token });
    const wanted = new Set(templates.map((t) => t.templateId));
    for await (const message of ledgerStream as AsyncIterable<{ transactions?: Transaction[] }>) {
      for (const transaction of message.transactions ?? []) {
        const events = [];
        for (const event of transaction.events ?? []) {
          if (event.created) {
            const created = await renderCreated(event.created, transaction.offset);
            if (created) events.push(created);
          } else if (event.archived && wanted.has(formatApiIdentifier(event.archived.templateId)) && (known?.delete(event.archived.contractId) ?? true)) {
            events.push({ archived: { contractId: event.archived.contractId, templateId: formatApiIdentifier(event.archived.templateId) } });
          }
        }
        last = transaction.offset;
        if (events.length > 0) send({ events, offset: last });
      }
    }
  }

  async function renderCreated(event: ApiCreatedEvent, at?: string) {
    const contract = await contractJson(event, options.catalog, options.claims.token);
    const matched = matchersOf(contract.templateId, contract.payload, contract.key, at);
    if (matched.length > 0) known?.add(contract.contractId);
    return matched.length > 0 ? { created: contract, matchedQueries: matched } : undefined;
  }

  let compiled: Matcher[] = [];
  let acsOffset: string | undefined;
  // Fetch streams where every item says contractIdAtOffset: archives only of contracts the client knows of.
  let known: Set<string> | undefined;
  /** The queries a contract matches: in the snapshot (`at` undefined) those without offsets, later those it is after. */
  function matchersOf(templateId: string, payload: unknown, key: unknown, at?: string): number[] {
    const hits: number[] = [];
    compiled.forEach((m, i) => {
      const from = m.offset ?? acsOffset;
      if (at === undefined ? m.offset !== undefined : from !== undefined && at <= from) return;
      if (m.matches(templateId, payload, key)) hits.push(i);
    });
    return hits;
  }
}

interface Transaction {
  offset: string;
  events?: Array<{ created?: ApiCreatedEvent; archived?: ApiArchivedEvent }>;
}

function isOffsetOnly(message: unknown): message is { offset: string } {
  return typeof message === "object" && message !== null && !Array.isArray(message) && Object.keys(message).length === 1 && typeof (message as { offset?: unknown }).offset === "string";
}

async function compileRequest(items: unknown[], kind: "query" | "fetch", options: StreamOptions): Promise<{ matchers: Matcher[]; unknown: string[]; knownIds?: Set<string> }> {
  const unknown: string[] = [];
  const matchers: Matcher[] = [];
  for (const [i, raw] of items.entries()) {
    const item = (raw ?? {}) as { templateIds?: unknown; templateId?: unknown; query?: unknown; key?: unknown; offset?: unknown };
    const ids = kind === "query" ? (Array.isArray(item.templateIds) ? item.templateIds : []) : [item.templateId];
    const templates: TemplateSummary[] = [];
    for (const id of ids) {
      const template = typeof id === "string" ? await options.catalog.template(id, options.claims.token) : undefined;
      if (template) templates.push(template);
      else unknown.push(String(id));
    }
    const predicates = new Map<string, Predicate>();
    for (const t of templates) {
      const payloadType = { kind: "con" as const, tycon: { package: { kind: "imported" as const, packageId: t.packageId }, module: t.moduleName, name: t.entityName }, args: [] };
      if (kind === "query") predicates.set(t.templateId, compileQuery(item.query, payloadType, options.catalog.types, `[${i}].query`));
      else {
        if (t.keyType === undefined) throw badRequest(`[${i}].templateId: template ${t.templateId} has no key`);
        const expected = JSON.stringify(normalizeLfJson(item.key, t.keyType, options.catalog.types, { path: `[${i}].key` }));
        predicates.set(t.templateId, (keyJson) => JSON.stringify(keyJson) === expected);
      }
    }
    matchers.push({
      templates,
      ...(typeof item.offset === "string" ? { offset: item.offset } : {}),
      matches: (templateId, payload, key) => predicates.get(templateId)?.(kind === "query" ? payload : key) ?? false,
    });
  }
  const atOffset = items.map((item) => (typeof item === "object" && item !== null && "contractIdAtOffset" in item ? (item as { contractIdAtOffset: unknown }).contractIdAtOffset : undefined));
  if (kind === "fetch" && items.length > 0 && atOffset.every((cid) => cid === null || typeof cid === "string")) {
    return { matchers, unknown, knownIds: new Set(atOffset.filter((cid): cid is string => typeof cid === "string")) };
  }
  return { matchers, unknown };
}

