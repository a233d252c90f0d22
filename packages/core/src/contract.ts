// The seam between the host (src/host: HTTP, auth, status, metrics, logging) and the runtime (src/runtime and
// src/ledger: author API, dispatch, submission, ledger). The runtime registers webhooks and reports status through
// these types; the host serves them. Neither side imports the other's internals.

/** Authorisation level of a route (values as in the original, which Daml Hub's console shows). */
export const AuthLevel = {
  PUBLIC: "DABL_PUBLIC",
  ANY_PARTY: "DABL_ANY_PARTY",
  INTEGRATION_PARTY: "DABL_INTEGRATION_PARTY",
} as const;
export type AuthLevel = (typeof AuthLevel)[keyof typeof AuthLevel];

/** The ledger claims of a verified token (`https://daml.com/ledger-api`). */
export interface LedgerClaims {
  ledgerId: string;
  applicationId?: string;
  actAs: string[];
  readAs: string[];
}

/** What a webhook handler sees of an HTTP request. */
export interface WebhookRequest {
  method: "GET" | "HEAD" | "POST";
  /** Path and query as received. */
  url: string;
  /** Path parameters of the route pattern, integrationId included. */
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON for application/json, a string for text/* and x-www-form-urlencoded, else a Buffer; undefined if none. */
  body: unknown;
  /** Claims of the verified token; undefined on PUBLIC routes without a token. */
  claims: LedgerClaims | undefined;
}

/** What the host sends back for a webhook. */
export interface WebhookReply {
  status: number;
  headers?: Record<string, string>;
  /** Already-serialised body (the runtime chooses JSON/text/blob and the content type). */
  body?: string | Buffer;
}

/** One webhook the author registered; the host adds the route at `/integration/:integrationId{urlSuffix}`. */
export interface WebhookRoute {
  method: "GET" | "POST";
  urlSuffix: string;
  label: string | null;
  auth: AuthLevel;
  /** Runs the handler (and submits its commands) and converts its response. Throwing means a 500. */
  handle(request: WebhookRequest): Promise<WebhookReply>;
}

/** Counters of one registered handler, as the status JSON lists them. */
export interface HandlerStatus {
  index: number;
  label: string | null;
  command_count: number;
  use_count: number;
  error_count: number;
  error_message: string | null;
  error_time: string | null;
}

/**
 * The status JSON, keys in the original's order (the host serialises objects in insertion order and adds `_self`
 * and the keys appended after the original's).
 */
export interface IntegrationStatus {
  running: boolean;
  start_time: string;
  error_message: string | null;
  error_time: string | null;
  pending_events: number;
  event_queue: { queue_size: number; total_events: number; pending_events: number; skipped_events: number };
  webhooks: Array<HandlerStatus & { url_path: string; method: "get" | "post" }>;
  ledger_events: Array<HandlerStatus & { template_id: string | null; sweep_enabled: boolean; flow_enabled: boolean }>;
  timers: HandlerStatus[];
  queues: HandlerStatus[];
  /** New keys, after the original's: */
  ready: boolean;
  ledger: { state: "connecting" | "connected" | "reconnecting" | "failed"; offset: string | null; error: string | null };
  submissions: { succeeded: number; failed: number; last_error: string | null; last_error_time: string | null };
}

export type HandlerKind =
  | "ledger_init" | "ledger_ready" | "transaction_start" | "transaction_end"
  | "contract_created" | "contract_archived" | "webhook" | "timer" | "queue";

/** Framework metrics the runtime reports; the host exposes them on /metrics. */
export interface FrameworkMetrics {
  countEvent(kind: HandlerKind): void;
  countHandlerError(kind: HandlerKind): void;
  countCommands(count: number): void;
  countSubmissionFailure(): void;
  observeHandlerSeconds(kind: HandlerKind, seconds: number): void;
}
