// Keeps one query stream alive: the first connection's active contract set becomes the snapshot (the sweeps), later
// messages become flow transactions. On loss it reconnects with back-off and resumes from the last offset; events
// are de-duplicated by contract id, so across a reconnect nothing is lost or delivered twice.
import type { Clock, TimerHandle } from "../runtime/clock.js";
import type { FlowEvent, FlowTransaction } from "./transactions.js";
import { type ActiveContract, isCreated, type LedgerClient, type LedgerStream, type StreamClose, type StreamMessage } from "./types.js";

export type SupervisorState = "connecting" | "connected" | "reconnecting" | "failed";

export interface SupervisorOptions {
  client: LedgerClient;
  templateIds: readonly string[];
  clock: Clock;
  transaction(tx: FlowTransaction): void;
  state(state: SupervisorState, offset: string | null, error: string | null): void;
  /** The stream cannot be recovered (refused, or down longer than `giveUpAfterMs`). */
  fatal(error: Error): void;
  backoff?: { initialMs: number; maxMs: number };
  /** Continuous failure for this long is fatal; default 120 s (dazl's connect timeout). */
  giveUpAfterMs?: number;
  /** How many archived contract ids to remember for de-duplication. */
  rememberArchived?: number;
}

export interface Snapshot {
  readonly contracts: readonly ActiveContract[];
  readonly offset: string | null;
}

export class StreamSupervisor {
  private readonly active = new Map<string, ActiveContract>();
  private readonly archived = new Set<string>();
  private stream: LedgerStream | undefined;
  private retry: TimerHandle | undefined;
  private offset: string | null = null;
  private live = false;
  private connectedOnce = false;
  private attempt = 0;
  private failingSince: number | undefined;
  private stopped = false;
  /** The active contract set being received (before the live marker of the current connection). */
  private acs: Map<string, ActiveContract> | undefined;
  private snapshotWaiter: ((s: Snapshot) => void) | undefined;

  constructor(private readonly options: SupervisorOptions) {}

  /** Opens the stream; resolves with the active contracts at the first live marker. */
  start(): Promise<Snapshot> {
    return new Promise((resolve) => {
      this.snapshotWaiter = resolve;
      this.connect();
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) this.options.clock.clearTimeout(this.retry);
    this.stream?.close();
    this.stream = undefined;
  }

  /** The contract a later archive refers to (for archive `match`). */
  remembered(contractId: string): ActiveContract | undefined {
    return this.active.get(contractId);
  }

  private connect(): void {
    if (this.stopped) return;
    this.live = false;
    const resume = this.connectedOnce && this.offset !== null;
    // Without an offset the server starts with the active contract set again; it is reconciled on the live marker.
    this.acs = resume ? undefined : new Map();
    const request = { templateIds: this.options.templateIds, ...(resume ? { offset: this.offset as string } : {}) };
    this.stream = this.options.client.stream(request, {
      message: (m) => this.onMessage(m),
      closed: (info) => this.onClosed(info),
    });
  }

  private onMessage(message: StreamMessage): void {
    if (this.stopped) return;
    if (!this.live && message.offset === undefined && this.acs) {
      for (const event of message.events) {
        if (isCreated(event)) this.acs.set(event.created.contractId, event.created);
        else this.acs.delete(event.archived.contractId);
      }
      return;
    }
    if (message.offset !== undefined && message.offset !== null) this.offset = message.offset;
    if (!this.live) {
      this.live = true;
      this.attempt = 0;
      this.failingSince = undefined;
      if (this.acs) this.reconcile(this.acs);
      this.acs = undefined;
      this.connectedOnce = true;
    }
    const events = this.dedupe(message.events);
    this.options.state("connected", this.offset, null);
    if (events.length > 0) this.options.transaction({ offset: this.offset, events });
  }

  /** First connection: the ACS is the snapshot. Reconnect without offset: the difference becomes flow events. */
  private reconcile(acs: Map<string, ActiveContract>): void {
    if (!this.connectedOnce) {
      for (const [cid, contract] of acs) this.active.set(cid, contract);
      const waiter = this.snapshotWaiter;
      this.snapshotWaiter = undefined;
      waiter?.({ contracts: [...acs.values()], offset: this.offset });
      return;
    }
    const events: FlowEvent[] = [];
    for (const [cid, contract] of this.active) {
      if (!acs.has(cid)) events.push({ kind: "archived", contractId: cid, templateId: contract.templateId, contract });
    }
    for (const [cid, contract] of acs) if (!this.active.has(cid)) events.push({ kind: "created", contract });
    for (const e of events) this.apply(e);
    if (events.length > 0) this.options.transaction({ offset: this.offset, events });
  }

  private dedupe(events: StreamMessage["events"]): FlowEvent[] {
    const out: FlowEvent[] = [];
    for (const event of events) {
      if (isCreated(event)) {
        const cid = event.created.contractId;
        if (this.active.has(cid) || this.archived.has(cid)) continue;
        out.push(this.apply({ kind: "created", contract: event.created }));
      } else {
        const { contractId, templateId } = event.archived;
        if (this.archived.has(contractId)) continue;
        out.push(this.apply({ kind: "archived", contractId, templateId, contract: this.active.get(contractId) }));
      }
    }
    return out;
  }

  private apply(event: FlowEvent): FlowEvent {
    if (event.kind === "created") {
      this.active.set(event.contract.contractId, event.contract);
    } else {
      this.active.delete(event.contractId);
      this.archived.add(event.contractId);
      const limit = this.options.rememberArchived ?? 100_000;
      if (this.archived.size > limit) this.archived.delete(this.archived.values().next().value as string);
    }
    return event;
  }

  private onClosed(info: StreamClose): void {
    this.stream = undefined;
    if (this.stopped) return;
    const error = `stream closed (${info.code}): ${info.reason}`;
    const now = this.options.clock.now();
    this.failingSince ??= now;
    const giveUp = this.options.giveUpAfterMs ?? 120_000;
    if (info.permanent || now - this.failingSince >= giveUp) {
      this.options.state("failed", this.offset, error);
      this.options.fatal(new Error(info.permanent ? error : `the ledger stream is down since ${giveUp / 1000} s: ${error}`));
      return;
    }
    this.options.state(this.connectedOnce ? "reconnecting" : "connecting", this.offset, error);
    const { initialMs, maxMs } = this.options.backoff ?? { initialMs: 250, maxMs: 10_000 };
    const delay = Math.min(maxMs, initialMs * 2 ** this.attempt++);
    this.retry = this.options.clock.setTimeout(() => this.connect(), delay);
  }
}
