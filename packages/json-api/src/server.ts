// The JSON API v1 HTTP and WebSocket server (routes of ledger-protocol.md §1.4 that a Ledger API 1.x ledger can
// serve; user management needs Ledger API 2.x and answers 404 as on JSON API 1.x). Every /v1 route reads the
// bearer token, forwards it to the ledger, and answers in the {status, result | errors} envelope.
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import type { LedgerApi } from "@dit/ledger-api";
import { WebSocketServer } from "ws";
import { PackageCatalog } from "./catalog.js";
import { create, createAndExercise, exercise, resolveTemplate, type CommandContext } from "./commands.js";
import { activeContracts, contractJson } from "./contracts.js";
import { JsonApiError, badRequest, toJsonApiError, unauthorized } from "./errors.js";
import { compileQuery } from "./queries.js";
import { serveStream } from "./streams.js";
import { bearerToken, readClaims, readingParties, type TokenClaims } from "./tokens.js";
import { normalizeLfJson, templatePayloadType, type TemplateSummary } from "@dit/daml-lf";

export interface JsonApiServerOptions {
  readonly api: LedgerApi;
  /** Interval of stream heartbeats. Default 5 s, as the JSON API's. */
  readonly heartbeatMs?: number;
  /** Largest accepted body (DAR uploads). Default 64 MiB. */
  readonly bodyLimit?: number;
}

export async function buildJsonApiServer(options: JsonApiServerOptions): Promise<FastifyInstance> {
  const { api } = options;
  const catalog = new PackageCatalog(api);
  const app = Fastify({ bodyLimit: options.bodyLimit ?? 64 << 20, logger: false });
  app.addContentTypeParser("application/octet-stream", { parseAs: "buffer" }, (_req, body, done) => done(null, body));

  const checkLedger = (claims: TokenClaims): TokenClaims => {
    if (claims.ledgerId !== api.ledgerId) throw unauthorized(`ledgerId ${JSON.stringify(claims.ledgerId)} in the access token is not this ledger's (${JSON.stringify(api.ledgerId)})`);
    return claims;
  };
  const claimsOf = (request: FastifyRequest): TokenClaims => checkLedger(readClaims(bearerToken(request.headers.authorization)));
  const context = (request: FastifyRequest): CommandContext => ({ api, catalog, claims: claimsOf(request) });
  const bodyOf = (request: FastifyRequest): Record<string, unknown> => {
    if (typeof request.body !== "object" || request.body === null || Array.isArray(request.body)) throw badRequest("the request body must be a JSON object");
    return request.body as Record<string, unknown>;
  };
  const ok = (result: unknown) => ({ status: 200, result });

  app.setErrorHandler((error, _request, reply) => {
    const status = (error as { statusCode?: number }).statusCode;
    const failure = !(error instanceof JsonApiError) && status !== undefined && status < 500 ? new JsonApiError(status, [error instanceof Error ? error.message : String(error)]) : toJsonApiError(error);
    void reply.code(failure.status).send(failure.body());
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ status: 404, errors: [`HttpMethod(${request.method}), uri: http://${request.headers.host ?? ""}${request.url}`] });
  });

  app.get("/livez", async () => ({ status: "pass" }));
  app.get("/readyz", async () => ({ status: "pass" }));

  app.post("/v1/create", async (request) => ok(await create(context(request), bodyOf(request))));
  app.post("/v1/exercise", async (request) => ok(await exercise(context(request), bodyOf(request))));
  app.post("/v1/create-and-exercise", async (request) => ok(await createAndExercise(context(request), bodyOf(request))));

  const query = async (ctx: CommandContext, templates: TemplateSummary[], queryJson: unknown, readers?: string[]) => {
    const parties = readingParties(ctx.claims, readers);
    const predicates = new Map(templates.map((t) => [t.templateId, compileQuery(queryJson, payloadType(t), catalog.types)]));
    const snapshot = await activeContracts(api, parties, templates, ctx.claims.token);
    const contracts = await Promise.all(snapshot.events.map((e) => contractJson(e, catalog, ctx.claims.token)));
    return contracts.filter((c) => predicates.get(c.templateId)?.(c.payload) ?? false);
  };
  app.post("/v1/query", async (request) => {
    const ctx = context(request);
    const body = bodyOf(request);
    if (!Array.isArray(body.templateIds)) throw badRequest("templateIds: expected a list of template ids");
    const templates: TemplateSummary[] = [];
    const unknown: string[] = [];
    for (const id of body.templateIds as unknown[]) {
      const t = typeof id === "string" ? await catalog.template(id, ctx.claims.token) : undefined;
      if (t) templates.push(t);
      else unknown.push(String(id));
    }
    const result = templates.length > 0 ? await query(ctx, templates, body.query, body.readers as string[] | undefined) : [];
    return unknown.length > 0 ? { ...ok(result), warnings: { unknownTemplateIds: unknown } } : ok(result);
  });
  app.get("/v1/query", async (request) => {
    const ctx = context(request);
    await catalog.refresh(ctx.claims.token);
    return ok(await query(ctx, catalog.allTemplates(), undefined));
  });

  app.post("/v1/fetch", async (request) => {
    const ctx = context(request);
    const body = bodyOf(request);
    const readers = readingParties(ctx.claims, body.readers as string[] | undefined);
    if (body.key !== undefined) {
      const template = await resolveTemplate(ctx, body.templateId);
      if (template.keyType === undefined) throw badRequest(`key: template ${template.templateId} has no key`);
      const expected = JSON.stringify(normalizeLfJson(body.key, template.keyType, catalog.types, { path: "key" }));
      const snapshot = await activeContracts(api, readers, [template], ctx.claims.token);
      for (const event of snapshot.events) {
        const contract = await contractJson(event, catalog, ctx.claims.token);
        if (JSON.stringify(contract.key) === expected) return ok(contract);
      }
      return ok(null);
    }
    if (typeof body.contractId !== "string") throw badRequest("contractId: expected a contract id string (or give templateId and key)");
    const templates = body.templateId !== undefined ? [await resolveTemplate(ctx, body.templateId)] : undefined;
    const snapshot = await activeContracts(api, readers, templates, ctx.claims.token);
    const event = snapshot.events.find((e) => e.contractId === body.contractId);
    return ok(event ? await contractJson(event, catalog, ctx.claims.token) : null);
  });

  type PartyDetails = { party: string; displayName?: string; isLocal?: boolean };
  const partyInfo = (p: PartyDetails) => ({ identifier: p.party, ...(p.displayName ? { displayName: p.displayName } : {}), isLocal: p.isLocal ?? false });
  app.get("/v1/parties", async (request) => {
    const { claims } = context(request);
    const response = await api.unary<{ partyDetails?: PartyDetails[] }>("admin.PartyManagementService/ListKnownParties", {}, { token: claims.token });
    return ok((response.partyDetails ?? []).map(partyInfo));
  });
  app.post("/v1/parties", async (request) => {
    const { claims } = context(request);
    const wanted = request.body;
    if (!Array.isArray(wanted) || wanted.length === 0 || !wanted.every((p) => typeof p === "string")) throw badRequest("expected a non-empty list of party ids");
    const response = await api.unary<{ partyDetails?: PartyDetails[] }>("admin.PartyManagementService/GetParties", { parties: wanted }, { token: claims.token });
    const found = (response.partyDetails ?? []).map(partyInfo);
    const missing = (wanted as string[]).filter((p) => !found.some((f) => f.identifier === p));
    return missing.length > 0 ? { ...ok(found), warnings: { unknownParties: missing } } : ok(found);
  });
  app.post("/v1/parties/allocate", async (request) => {
    const { claims } = context(request);
    const body = (request.body ?? {}) as { identifierHint?: string; displayName?: string };
    const response = await api.unary<{ partyDetails: PartyDetails }>("admin.PartyManagementService/AllocateParty",
      { ...(body.identifierHint ? { partyIdHint: body.identifierHint } : {}), ...(body.displayName ? { displayName: body.displayName } : {}) },
      { token: claims.token });
    return ok(partyInfo(response.partyDetails));
  });

  app.get("/v1/packages", async (request) => {
    const { claims } = context(request);
    const response = await api.unary<{ packageIds?: string[] }>("PackageService/ListPackages", { ledgerId: api.ledgerId }, { token: claims.token });
    return ok(response.packageIds ?? []);
  });
  app.get<{ Params: { id: string } }>("/v1/packages/:id", async (request, reply) => {
    const { claims } = context(request);
    const bytes = await catalog.archive(request.params.id, claims.token);
    if (bytes === undefined) throw new JsonApiError(404, [`package ${request.params.id} not found`]);
    return reply.type("application/octet-stream").send(Buffer.from(bytes));
  });
  app.post("/v1/packages", async (request) => {
    const { claims } = context(request);
    if (!Buffer.isBuffer(request.body)) throw badRequest("expected the DAR as the body, Content-Type: application/octet-stream");
    await api.unary("admin.PackageManagementService/UploadDarFile", { darFile: request.body }, { token: claims.token, deadlineMs: 120_000 });
    await catalog.refresh(claims.token);
    return ok(1);
  });

  const sockets = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has("daml.ws.auth") ? "daml.ws.auth" : false) });
  app.server.on("upgrade", (request, socket, head) => {
    const path = (request.url ?? "").split("?")[0];
    const kind = path === "/v1/stream/query" ? "query" : path === "/v1/stream/fetch" ? "fetch" : undefined;
    const protocols = String(request.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
    const token = protocols.find((p) => p.startsWith("jwt.token."))?.slice("jwt.token.".length);
    let claims: TokenClaims | undefined;
    try {
      if (kind === undefined) throw new JsonApiError(404, [`no stream at ${path}`]);
      if (!token || !protocols.includes("daml.ws.auth")) throw unauthorized("Missing required jwt.token.[token] or daml.ws.auth subprotocol");
      claims = checkLedger(readClaims(token));
    } catch (error) {
      const failure = toJsonApiError(error);
      socket.end(`HTTP/1.1 ${failure.status} ${failure.status === 404 ? "Not Found" : "Unauthorized"}\r\ncontent-type: application/json\r\n\r\n${JSON.stringify(failure.body())}`);
      return;
    }
    const streamClaims = claims;
    sockets.handleUpgrade(request, socket, head, (ws) => serveStream(ws, kind, { api, catalog, claims: streamClaims, heartbeatMs: options.heartbeatMs ?? 5_000 }));
  });
  // preClose, not onClose: the HTTP server's close waits for every connection, upgraded ones included.
  app.addHook("preClose", async () => {
    for (const client of sockets.clients) client.terminate();
    sockets.close();
  });
  return app;
}

const payloadType = (t: TemplateSummary) =>
  templatePayloadType({ package: { kind: "imported", packageId: t.packageId }, module: t.moduleName, name: t.entityName });
