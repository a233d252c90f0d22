// Webhook routes at `/integration/:integrationId` + urlSuffix (runtime.md §4.4). The suffix is concatenated as-is, as
// the original did; a suffix that does not start with "/" continues the id segment (`/integration/{id}foo`).
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from "fastify";
import type { LedgerClaims, WebhookRequest, WebhookRoute } from "../contract.js";
import { sendInternalError } from "./http-errors.js";
import type { DitLogging } from "./logging.js";
import { redactUrl } from "./redact.js";

export const INTEGRATION_PREFIX = "/integration/:integrationId";

/** The Fastify path pattern of a webhook. */
export function webhookPath(urlSuffix: string): string {
  if (urlSuffix === "" || urlSuffix.startsWith("/")) return INTEGRATION_PREFIX + urlSuffix;
  // A regex parameter ends the id where the literal suffix begins (find-my-way would otherwise read `:integrationIdfoo`).
  return `${INTEGRATION_PREFIX}(^[^/]+)${urlSuffix}`;
}

export interface WebhookDeps {
  logging: DitLogging;
  claimsOf: (request: FastifyRequest) => LedgerClaims | undefined;
  authHook: (route: WebhookRoute) => onRequestAsyncHookHandler | undefined;
}

/** Adds the routes; a route that collides with one already registered (a control route, or a duplicate) is skipped. */
export function registerWebhooks(app: FastifyInstance, routes: readonly WebhookRoute[], deps: WebhookDeps): Array<{ method: string; url: string }> {
  const added: Array<{ method: string; url: string }> = [];
  for (const route of routes) {
    const url = webhookPath(route.urlSuffix);
    if (app.hasRoute({ method: route.method, url })) {
      deps.logging.framework.warn(`Webhook ${route.method} ${url} is shadowed by an earlier route and is not served`);
      continue;
    }
    const onRequest = deps.authHook(route);
    try {
      app.route({
        method: route.method, url, ...(onRequest ? { onRequest } : {}),
        handler: (request, reply) => runWebhook(route, request, reply, deps),
      });
      added.push({ method: route.method, url });
    } catch (error) {
      deps.logging.framework.error(`Webhook ${route.method} ${url} cannot be served: ${(error as Error).message}`);
    }
  }
  return added;
}

async function runWebhook(route: WebhookRoute, request: FastifyRequest, reply: FastifyReply, deps: WebhookDeps): Promise<FastifyReply> {
  const webhookRequest: WebhookRequest = {
    method: request.method as WebhookRequest["method"],
    url: request.url,
    params: request.params as Record<string, string>,
    query: request.query as Record<string, string | string[]>,
    headers: request.headers,
    body: request.body,
    claims: deps.claimsOf(request),
  };
  let result;
  try {
    result = await route.handle(webhookRequest);
  } catch (error) {
    deps.logging.framework.error({ err: error }, `Webhook handler failed: ${request.method} ${redactUrl(request.url)}`);
    return sendInternalError(reply);
  }
  reply.code(result.status);
  if (result.headers) reply.headers(result.headers);
  return result.body === undefined ? reply.send() : reply.send(result.body);
}
