// The status JSON of runtime.md §5: the original's keys in the original's order, then the keys dit adds. The runtime's
// objects are re-ordered here so that the bytes do not depend on how the runtime happened to build them.
import type { IntegrationStatus } from "../contract.js";
import { pythonJson } from "../python-json.js";

/** Fixed, as in the original (the console renders them as the level picker). */
export const LOG_LEVEL_OPTIONS: ReadonlyArray<{ label: string; value: number }> = [
  { label: "Runtime", value: 0 }, { label: "Low", value: 10 }, { label: "High", value: 20 }, { label: "All", value: 50 },
];

const TOP_KEYS = [
  "running", "start_time", "error_message", "error_time", "pending_events", "event_queue", "webhooks", "ledger_events",
  "timers", "queues", "log_level", "log_level_options", "_self", "ready", "ledger", "submissions",
] as const;
const HANDLER_KEYS = ["index", "label", "command_count", "use_count", "error_count", "error_message", "error_time"];
const NESTED_KEYS: Record<string, readonly string[]> = {
  event_queue: ["queue_size", "total_events", "pending_events", "skipped_events"],
  webhooks: [...HANDLER_KEYS, "url_path", "method"],
  ledger_events: [...HANDLER_KEYS, "template_id", "sweep_enabled", "flow_enabled"],
  timers: HANDLER_KEYS,
  queues: HANDLER_KEYS,
  ledger: ["state", "offset", "error"],
  submissions: ["succeeded", "failed", "last_error", "last_error_time"],
};

/** The status document in serialisation order (unknown keys of the runtime's objects follow the known ones). */
export function statusDocument(status: IntegrationStatus, logLevel: number, selfUrl: string): Record<string, unknown> {
  const source: Record<string, unknown> = { ...status, log_level: logLevel, log_level_options: LOG_LEVEL_OPTIONS, _self: selfUrl };
  const out = ordered(source, TOP_KEYS);
  for (const [key, keys] of Object.entries(NESTED_KEYS)) {
    const value = out[key];
    if (Array.isArray(value)) out[key] = value.map((item: unknown) => (isRecord(item) ? ordered(item, keys) : item));
    else if (isRecord(value)) out[key] = ordered(value, keys);
  }
  return out;
}

/** The exact bytes `/status` and `/healthz` answer with: Python json formatting and a trailing newline. */
export function statusBody(status: IntegrationStatus, logLevel: number, selfUrl: string): string {
  return pythonJson(statusDocument(status, logLevel, selfUrl)) + "\n";
}

function ordered(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in source) out[key] = source[key];
  for (const [key, value] of Object.entries(source)) if (!(key in out)) out[key] = value;
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
