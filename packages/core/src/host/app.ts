// The HTTP host: a Fastify 5 app with the control routes, /metrics and the integration's webhooks, listening before
// the ledger connects so that health and status answer during a slow or failing ledger start.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest, type onRequestAsyncHookHandler } from "fastify";
import { AuthLevel, type IntegrationStatus, type LedgerClaims, type WebhookRoute } from "../contract.js";
import { accessLogHook } from "./access-log.js";
import { createAuthorizer, type Authorizer } from "./auth.js";
import type { DitConfig } from "./config.js";
import { registerControlRoutes } from "./control-routes.js";
import { TEXT, sendCodedError, sendInternalError, sendMethodNotAllowed, sendNotFound } from "./http-errors.js";
import type { JwksOptions } from "./jwks.js";
import type { DitLogging, LogLevelResult } from "./logging.js";
import { createMetrics, type HostMetrics } from "./metrics.js";
import { redactUrl } from "./redact.js";
import { registerWebhooks } from "./webhooks.js";

/** aiohttp's client_max_size of the original. */
export const DEFAULT_BODY_LIMIT = 100 * 1024 * 1024;

export interface HostOptions {
  /** DABL_LEDGER_ID and DABL_JWKS_URL are used (the whole DitConfig may be passed). */
  config: Pick<DitConfig, "ledgerId" | "jwksUrl"> & Partial<DitConfig>;
  logger: DitLogging;
  /** Called per status request; the host orders the keys and adds log_level, log_level_options and _self. */
  status: () => IntegrationStatus;
  webhooks: readonly WebhookRoute[];
  /** The resolved run-as party, checked for INTEGRATION_PARTY routes. */
  runAsParty: string;
  metrics?: HostMetrics;
  /** Defaults to the logger's own level switch. */
  setLogLevel?: (level: number) => LogLevelResult | void;
  getLogLevel?: () => number;
  /** Replaces the JWKS-based authorizer (tests); `jwks` tunes the default one (fetcher, cooldown). */
  authorizer?: Authorizer;
  jwks?: Omit<JwksOptions, "url">;
  bodyLimit?: number;
}

export type HostApp = FastifyInstance;

const ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

/** Builds the app without listening; use `app.inject()` in tests. */
export function buildHostApp(options: HostOptions): HostApp {
  const logging = options.logger;
  const metrics = options.metrics ?? createMetrics();
  const app = Fastify({
    loggerInstance: logging.framework as FastifyBaseLogger,
    // Our own access log replaces Fastify's request logging; no per-request child logger either (below).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    exposeHeadRoutes: true,
    return503OnClosing: true,
    // find-my-way turns each method's route tree into generated code once the routes are in (Fastify calls compile()
    // before onReady); the same matches as the tree walk, with a cheaper lookup per request.
    routerOptions: { compile: true },
  }) as unknown as HostApp;
  // Fastify asks its logger for a child per request (and for the 404 handler). The host's lines carry no request id,
  // so the child is the logger itself. Doing this on the logger rather than with a `childLoggerFactory` keeps Fastify's
  // default factory, which it trusts; a custom factory's result is re-validated (seven method checks) on every request.
  const fastifyLogger = app.log;
  fastifyLogger.child = () => fastifyLogger;

  const authorizer = options.authorizer ?? createAuthorizer({
    jwksUrl: options.config.jwksUrl, ledgerId: options.config.ledgerId, runAsParty: options.runAsParty,
    logger: logging.framework, ...(options.jwks ? { jwks: options.jwks } : {}),
  });
  const claims = new WeakMap<FastifyRequest, LedgerClaims>();
  const authHook = (level: AuthLevel): onRequestAsyncHookHandler | undefined => {
    if (level === AuthLevel.PUBLIC) return undefined;
    return async (request, reply) => {
      const outcome = await authorizer.authorize(level, request as Parameters<Authorizer["authorize"]>[1]);
      if (!outcome.ok) return sendCodedError(reply, outcome.status, outcome.code, outcome.description);
      if (outcome.claims) claims.set(request, outcome.claims);
    };
  };

  addContentTypeParsers(app);
  app.addHook("onResponse", accessLogHook(logging.accessLog, logging.debugEnabled));
  app.setNotFoundHandler((_request, reply) => sendNotFound(reply));
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode;
    if (status === 413) return reply.code(413).type(TEXT).send("413: Request Entity Too Large");
    if (status !== undefined && status >= 400 && status < 500) return sendCodedError(reply, status, "bad_request", error.message);
    logging.framework.error({ err: error }, `Error handling ${request.method} ${redactUrl(request.url)}`);
    return sendInternalError(reply);
  });

  const routes = registerControlRoutes(app, {
    status: options.status, metrics,
    getLogLevel: options.getLogLevel ?? logging.getLogLevel,
    setLogLevel: options.setLogLevel ?? logging.setLogLevel,
    authHook,
  });
  routes.push(...registerWebhooks(app, options.webhooks, {
    logging, claimsOf: (request) => claims.get(request), authHook: (route) => authHook(route.auth),
  }));
  registerMethodNotAllowed(app, routes);
  return app;
}

/** Body parsing for webhooks: JSON parsed (Fastify's parser), text and urlencoded as strings, anything else a Buffer. */
function addContentTypeParsers(app: HostApp): void {
  const asIs = (_request: unknown, body: string | Buffer, done: (err: Error | null, body?: unknown) => void): void => done(null, body);
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, asIs);
  app.addContentTypeParser(/^text\//, { parseAs: "string" }, asIs);
  app.addContentTypeParser("*", { parseAs: "buffer" }, asIs);
}

/** A known path with a method it does not serve answers 405, as aiohttp did (Fastify would answer 404). */
function registerMethodNotAllowed(app: HostApp, routes: ReadonlyArray<{ method: string; url: string }>): void {
  const byUrl = new Map<string, Set<string>>();
  for (const { method, url } of routes) {
    const methods = byUrl.get(url) ?? new Set<string>();
    methods.add(method);
    if (method === "GET") methods.add("HEAD");
    byUrl.set(url, methods);
  }
  for (const [url, methods] of byUrl) {
    const other = ALL_METHODS.filter((method) => !methods.has(method) && !app.hasRoute({ method, url }));
    if (other.length === 0) continue;
    const allowed = [...methods];
    try {
      app.route({ method: other, url, handler: (_request, reply) => sendMethodNotAllowed(reply, allowed) });
    } catch {
      // An equivalent pattern already answers these methods; its answer stands.
    }
  }
}

export interface StartHostOptions extends HostOptions {
  /** Default 0.0.0.0, like the original; tests pass 127.0.0.1. */
  host?: string;
  /** Default config.healthPort (DABL_HEALTH_PORT, 8089); 0 picks a free port. */
  port?: number;
}

export interface RunningHost {
  app: HostApp;
  /** `http://<host>:<port>` as bound. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Builds the app and listens. Call it before connecting to the ledger. Rejects when the port cannot be bound. */
export async function startHost(options: StartHostOptions): Promise<RunningHost> {
  const app = buildHostApp(options);
  const host = options.host ?? "0.0.0.0";
  options.logger.framework.info("Starting web endpoint...");
  try {
    await app.listen({ host, port: options.port ?? options.config.healthPort ?? 8089,
      listenTextResolver: (address) => `Web endpoint listening on ${address}` });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { app, port, url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`, close: () => app.close() };
}
