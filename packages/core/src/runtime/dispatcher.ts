// Ledger events → handlers (spec §3.12–3.13, bug 7 fixed). Order: init → sweeps (the snapshot, `initial: true`)
// → ready → flow (transactions after the snapshot offset, so none is both swept and flowed). Each handler has its
// own serial lane; different handlers run concurrently. Flow arriving before ready is held and then delivered.
import type { HandlerKind } from "../contract.js";
import type { FlowEvent, FlowTransaction } from "../ledger/transactions.js";
import type { ActiveContract } from "../ledger/types.js";
import type { ContractArchiveEvent, ContractCreateEvent, ContractEvent, LedgerRegistration, TransactionEvent } from "./events.js";
import { type InvokeContext, invokeHandler } from "./invoke.js";
import { Lane } from "./lane.js";
import { matchesPayload, templateMatches } from "./templates.js";

const KIND: Record<LedgerRegistration["kind"], HandlerKind> = {
  init: "ledger_init", ready: "ledger_ready", transactionStart: "transaction_start", transactionEnd: "transaction_end",
  created: "contract_created", archived: "contract_archived",
};

export class Dispatcher {
  private readonly lanes = new Map<LedgerRegistration, Lane>();
  private held: FlowTransaction[] | undefined = [];

  constructor(private readonly registrations: readonly LedgerRegistration[], private readonly ctx: InvokeContext) {
    for (const r of registrations) this.lanes.set(r, new Lane());
  }

  /** Template patterns the stream must cover; `*` when a transaction handler or a wildcard needs everything. */
  templatePatterns(): string[] {
    const patterns = new Set<string>();
    for (const r of this.registrations) {
      if (r.kind === "transactionStart" || r.kind === "transactionEnd") patterns.add("*");
      else if (r.kind === "created" || r.kind === "archived") patterns.add(r.templateId);
    }
    return [...patterns];
  }

  async runInit(): Promise<void> {
    await this.runEach("init");
  }

  async runReady(): Promise<void> {
    await this.runEach("ready");
  }

  /** Sweeps in registration order, each contract in turn, awaited (including its submissions). */
  async runSweeps(snapshot: readonly ActiveContract[]): Promise<void> {
    for (const r of this.registrations) {
      if (r.kind !== "created" || !r.sweep) continue;
      for (const contract of snapshot) {
        if (!templateMatches(r.templateId, contract.templateId) || !matchesPayload(r.match, contract.payload)) continue;
        await this.run(r, () => r.handler(createEvent(contract, true)));
      }
    }
  }

  /** A live transaction: queued on each interested lane (the reader does not wait for handlers). */
  transaction(tx: FlowTransaction): void {
    if (this.held) {
      this.held.push(tx);
      return;
    }
    const contractEvents = tx.events.map(toContractEvent);
    const txEvent = (kind: TransactionEvent["kind"]): TransactionEvent => ({ kind, commandId: null, workflowId: null, offset: tx.offset, contractEvents });
    for (const r of this.registrations) if (r.kind === "transactionStart") this.enqueue(r, () => r.handler(txEvent("transactionStart")));
    for (const event of tx.events) {
      for (const r of this.registrations) {
        if (event.kind === "created" && r.kind === "created" && r.flow && templateMatches(r.templateId, event.contract.templateId) &&
          matchesPayload(r.match, event.contract.payload)) {
          this.enqueue(r, () => r.handler(createEvent(event.contract, false)));
        } else if (event.kind === "archived" && r.kind === "archived" && templateMatches(r.templateId, event.templateId) &&
          // Bug 15 fixed: `match` sees the payload remembered from the create; unseen contracts match no `match`.
          (r.match === undefined || (event.contract !== undefined && matchesPayload(r.match, event.contract.payload)))) {
          this.enqueue(r, () => r.handler(archiveEvent(event)));
        }
      }
    }
    for (const r of this.registrations) if (r.kind === "transactionEnd") this.enqueue(r, () => r.handler(txEvent("transactionEnd")));
  }

  /** After ready: deliver what was held, then everything as it comes. */
  openFlow(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const tx of held) this.transaction(tx);
  }

  /** Handler invocations queued or running. */
  get pending(): number {
    return [...this.lanes.values()].reduce((n, lane) => n + lane.pending, 0);
  }

  async idle(): Promise<void> {
    await Promise.all([...this.lanes.values()].map((lane) => lane.idle()));
  }

  private async runEach(kind: "init" | "ready"): Promise<void> {
    for (const r of this.registrations) if (r.kind === kind) await this.run(r, () => r.handler());
  }

  private run(r: LedgerRegistration, call: () => unknown): Promise<void> {
    return this.enqueue(r, call);
  }

  private enqueue(r: LedgerRegistration, call: () => unknown): Promise<void> {
    const lane = this.lanes.get(r) as Lane;
    return lane.enqueue(async () => void (await invokeHandler(this.ctx, KIND[r.kind], r.row, call)));
  }
}

function createEvent(contract: ActiveContract, initial: boolean): ContractCreateEvent {
  return { kind: "created", cid: contract.contractId, templateId: contract.templateId, cdata: contract.payload, initial };
}

function archiveEvent(event: Extract<FlowEvent, { kind: "archived" }>): ContractArchiveEvent {
  return { kind: "archived", cid: event.contractId, templateId: event.templateId, cdata: event.contract?.payload };
}

const toContractEvent = (event: FlowEvent): ContractEvent =>
  event.kind === "created" ? createEvent(event.contract, false) : archiveEvent(event);
