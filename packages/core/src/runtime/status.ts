// The counters behind the status JSON (spec §5). The runtime owns them; the host serialises `snapshot()`.
import type { HandlerStatus, IntegrationStatus } from "../contract.js";
import type { Clock } from "./clock.js";
import { describeError, messageOf } from "./errors.js";

export class HandlerRow {
  commandCount = 0;
  useCount = 0;
  errorCount = 0;
  errorMessage: string | null = null;
  errorTime: string | null = null;

  constructor(readonly index: number, readonly label: string | null) {}

  recordError(error: unknown, now: number): void {
    this.errorCount++;
    this.errorMessage = describeError(error);
    this.errorTime = new Date(now).toISOString();
  }

  toStatus(): HandlerStatus {
    return {
      index: this.index, label: this.label, command_count: this.commandCount, use_count: this.useCount,
      error_count: this.errorCount, error_message: this.errorMessage, error_time: this.errorTime,
    };
  }
}

export class WebhookRow extends HandlerRow {
  constructor(index: number, label: string | null, readonly urlPath: string, readonly method: "get" | "post") {
    super(index, label);
  }
}

export class LedgerRow extends HandlerRow {
  constructor(index: number, label: string, readonly templateId: string | null, readonly sweepEnabled: boolean, readonly flowEnabled: boolean) {
    super(index, label);
  }
}

export interface QueueCounters {
  readonly capacity: number;
  readonly total: number;
  readonly pending: number;
  readonly skipped: number;
}

export type LedgerState = IntegrationStatus["ledger"]["state"];

export class StatusBoard {
  readonly startTime: string;
  running = false;
  ready = false;
  errorMessage: string | null = null;
  errorTime: string | null = null;
  readonly webhooks: WebhookRow[] = [];
  readonly ledgerEvents: LedgerRow[] = [];
  readonly timers: HandlerRow[] = [];
  readonly queues: HandlerRow[] = [];
  ledger: IntegrationStatus["ledger"] = { state: "connecting", offset: null, error: null };
  submissions: IntegrationStatus["submissions"] = { succeeded: 0, failed: 0, last_error: null, last_error_time: null };
  queueCounters: () => QueueCounters = () => ({ capacity: 0, total: 0, pending: 0, skipped: 0 });

  constructor(private readonly clock: Clock) {
    this.startTime = new Date(clock.now()).toISOString();
  }

  /** A load or start failure: the top-level error, as `"<repr> - <message>"` like the original. */
  recordFailure(error: unknown): void {
    this.errorMessage = `${describeError(error)} - ${messageOf(error)}`;
    this.errorTime = new Date(this.clock.now()).toISOString();
  }

  recordSubmission(ok: boolean, count: number, error?: unknown): void {
    if (ok) {
      this.submissions.succeeded += count;
      return;
    }
    this.submissions.failed += count;
    this.submissions.last_error = messageOf(error);
    this.submissions.last_error_time = new Date(this.clock.now()).toISOString();
  }

  snapshot(): IntegrationStatus {
    const queue = this.queueCounters();
    return {
      running: this.running,
      start_time: this.startTime,
      error_message: this.errorMessage,
      error_time: this.errorTime,
      pending_events: queue.pending,
      event_queue: { queue_size: queue.capacity, total_events: queue.total, pending_events: queue.pending, skipped_events: queue.skipped },
      webhooks: this.webhooks.map((r) => ({ ...r.toStatus(), url_path: r.urlPath, method: r.method })),
      ledger_events: this.ledgerEvents.map((r) => ({
        ...r.toStatus(), template_id: r.templateId, sweep_enabled: r.sweepEnabled, flow_enabled: r.flowEnabled,
      })),
      timers: this.timers.map((r) => r.toStatus()),
      queues: this.queues.map((r) => r.toStatus()),
      ready: this.ready,
      ledger: { ...this.ledger },
      submissions: { ...this.submissions },
    };
  }
}
