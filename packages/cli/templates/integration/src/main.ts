// {{name}}: a Daml ledger integration. dit-meta.yaml names this file's `integration` export as the entrypoint of
// integration type "{{typeId}}" (`src/main.ts:integration`). `dit run` runs it from source; `dit pack` bundles it
// without @dit/core, which the host provides to a packed integration.
import { AuthLevel, getIntegrationLogger, jsonResponse, type IntegrationEnv, type IntegrationEvents } from "@dit/core";

/** `env` carries the run-as party and the fields of dit-meta.yaml, with the values of int_args.yaml. */
type Env = IntegrationEnv<{ templateId: string }>;

interface Seen {
  cid: string;
  templateId: string;
  initial: boolean;
}

export function integration(env: Env, events: IntegrationEvents): void {
  const log = getIntegrationLogger();
  let created = 0;
  let latest: Seen | null = null;

  // Each contract of the template: first those active at start-up (`initial: true`), then every new one.
  events.ledger.contractCreated(env.templateId, (event) => {
    created += 1;
    latest = { cid: event.cid, templateId: event.templateId, initial: event.initial };
    log.info(`contract ${event.cid} of ${event.templateId}${event.initial ? " (active at start-up)" : ""}`);
    // To act on it, return commands, e.g. `return exercise(event.templateId, event.cid, "Accept", {});`
    // (import `exercise` or `create` from "@dit/core"); the runtime submits them in order.
  });

  // GET /integration/<integration id>/summary: open to anyone, no token needed.
  events.webhook.get(() => jsonResponse({ party: env.party, templateId: env.templateId, created, latest }), {
    urlSuffix: "/summary",
    label: "Summary",
    auth: AuthLevel.PUBLIC,
  });
}
