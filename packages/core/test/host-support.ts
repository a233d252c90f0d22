// Helpers shared by the host's tests (not exported from the package).
import type { IntegrationStatus } from "../src/contract.js";
import { createLogging, type DitLogging, type LoggingOptions } from "../src/host/logging.js";

/** A logging setup whose lines are kept in memory, synchronously. */
export function captureLogging(options: Omit<LoggingOptions, "destination"> = {}): DitLogging & { lines: string[]; text(): string } {
  const lines: string[] = [];
  const logging = createLogging({ batchAccessLog: false, ...options, destination: { write: (line: string) => { lines.push(line); } } });
  return Object.assign(logging, { lines, text: () => lines.join("") });
}

/** A status as the runtime would report it, with keys deliberately out of order to prove the host orders them. */
export function sampleStatus(overrides: Partial<IntegrationStatus> = {}): IntegrationStatus {
  return {
    submissions: { failed: 1, succeeded: 2, last_error: null, last_error_time: null },
    ledger: { offset: "000000000000000a", state: "connected", error: null },
    ready: true,
    queues: [],
    timers: [{ label: "Periodic Interval", index: 0, command_count: 0, use_count: 3, error_count: 0, error_message: null, error_time: null }],
    ledger_events: [],
    webhooks: [{ index: 0, label: "héllo", command_count: 1, use_count: 2, error_count: 0, error_message: null, error_time: null,
      method: "post", url_path: "/integration/{integration_id}/hook" }],
    event_queue: { skipped_events: 0, pending_events: 0, total_events: 3, queue_size: 512 },
    pending_events: 0,
    error_time: null,
    error_message: null,
    start_time: "2024-05-01T12:00:00Z",
    running: true,
    ...overrides,
  };
}
