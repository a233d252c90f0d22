// Author webhooks → the host's WebhookRoute: run the handler, submit its commands (awaited before answering, as
// in the original), then convert its response. Webhooks run concurrently with everything else.
import type { WebhookReply, WebhookRequest, WebhookRoute } from "../contract.js";
import type { WebhookRegistration } from "./events.js";
import { type InvokeContext, invokeHandler } from "./invoke.js";
import { toWebhookReply } from "./responses.js";

export function webhookRoutes(registrations: readonly WebhookRegistration[], ctx: InvokeContext): WebhookRoute[] {
  return registrations.map((registration) => ({
    method: registration.method,
    urlSuffix: registration.urlSuffix,
    label: registration.row.label,
    auth: registration.auth,
    async handle(request: WebhookRequest): Promise<WebhookReply> {
      const outcome = await invokeHandler(ctx, "webhook", registration.row, () => registration.handler(request));
      // Counted on the route; the host answers a throw with the generic 500.
      if (!outcome.ok) throw outcome.error;
      // A submission failure does not change the HTTP response (spec §4.4); it is in status and metrics.
      return toWebhookReply(outcome.response.webhook);
    },
  }));
}
