// /healthz, /status, /readyz and /log-level, unprefixed (PUBLIC, cluster-internal in Hub) and under
// /integration/:integrationId/ (ANY_PARTY); /metrics only unprefixed, as the original (runtime.md §4.2).
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from "fastify";
import { AuthLevel, type IntegrationStatus } from "../contract.js";
import { isValidLogLevel } from "./config.js";
import { JSON_TYPE, sendCodedError } from "./http-errors.js";
import type { LogLevelResult } from "./logging.js";
import { METRICS_CONTENT_TYPE, type HostMetrics } from "./metrics.js";
import { pythonJson } from "../python-json.js";
import { statusBody } from "./status.js";
import { INTEGRATION_PREFIX } from "./webhooks.js";

export interface ControlDeps {
  status: () => IntegrationStatus;
  getLogLevel: () => number;
  setLogLevel: (level: number) => LogLevelResult | void;
  metrics: HostMetrics;
  authHook: (level: AuthLevel) => onRequestAsyncHookHandler | undefined;
}

export function registerControlRoutes(app: FastifyInstance, deps: ControlDeps): Array<{ method: string; url: string }> {
  const added: Array<{ method: string; url: string }> = [];
  const sendStatus = (request: FastifyRequest, reply: FastifyReply, code: number, status = deps.status()): FastifyReply =>
    reply.code(code).type(JSON_TYPE).send(statusBody(status, deps.getLogLevel(), selfUrl(request)));

  for (const [prefix, level] of [["", AuthLevel.PUBLIC], [INTEGRATION_PREFIX, AuthLevel.ANY_PARTY]] as const) {
    const onRequest = deps.authHook(level);
    const hooks = onRequest ? { onRequest } : {};
    // Liveness: 200 whatever the state, as Hub expects (runtime.md §4.2).
    app.get(`${prefix}/healthz`, hooks, (request, reply) => sendStatus(request, reply, 200));
    app.get(`${prefix}/status`, hooks, (request, reply) => sendStatus(request, reply, 200));
    // Readiness (new): 503 until sweeps and ready handlers are done.
    app.get(`${prefix}/readyz`, hooks, (request, reply) => {
      const status = deps.status();
      return sendStatus(request, reply, status.running ? 200 : 503, status);
    });
    app.post(`${prefix}/log-level`, hooks, (request, reply) => setLogLevel(request, reply, deps));
    added.push(...["healthz", "status", "readyz"].map((name) => ({ method: "GET", url: `${prefix}/${name}` })),
      { method: "POST", url: `${prefix}/log-level` });
  }
  app.get("/metrics", (_request, reply) => {
    const status = deps.status();
    const text = deps.metrics.render([
      { name: "dit_running", help: "1 once sweeps and ready handlers have finished.", value: status.running ? 1 : 0 },
      { name: "dit_event_queue_pending", help: "Entries waiting in the timer/queue work queue.", value: status.event_queue.pending_events },
      { name: "dit_event_queue_skipped_total", help: "Work-queue entries dropped because the queue was full.", type: "counter",
        value: status.event_queue.skipped_events },
      { name: "dit_submissions_succeeded_total", help: "Command submissions that succeeded.", type: "counter",
        value: status.submissions.succeeded },
    ]);
    return reply.type(METRICS_CONTENT_TYPE).send(text);
  });
  added.push({ method: "GET", url: "/metrics" });
  return added;
}

/**
 * `{"log_level": <int or numeric string>}`. Fix (runtime.md §8 item 10): anything else, including a level outside
 * 0..50, is a 400 with a `{code, description}` body; the original answered 500 or exited the process.
 */
function setLogLevel(request: FastifyRequest, reply: FastifyReply, deps: ControlDeps): FastifyReply {
  const body = parseBody(request.body);
  if (typeof body !== "object" || body === null || Array.isArray(body) || !("log_level" in body)) {
    return sendCodedError(reply, 400, "invalid_request", 'the request body must be a JSON object with a "log_level" key');
  }
  const raw = (body as { log_level: unknown }).log_level;
  const level = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*[+-]?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!isValidLogLevel(level)) {
    return sendCodedError(reply, 400, "invalid_log_level", "log_level must be an integer from 0 to 50");
  }
  const result = deps.setLogLevel(level);
  if (result && !result.ok) return sendCodedError(reply, 400, result.code, result.message);
  return reply.type(JSON_TYPE).send(pythonJson(body) + "\n");
}

/** aiohttp's `request.json()` ignores the content type: a JSON text sent as text/plain or octet-stream counts too. */
function parseBody(body: unknown): unknown {
  if (typeof body !== "string" && !Buffer.isBuffer(body)) return body;
  try {
    return JSON.parse(body.toString());
  } catch {
    return undefined;
  }
}

/** The absolute URL of the request as the server sees it (the status `_self`). */
export function selfUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${request.url}`;
}
