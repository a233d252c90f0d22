// An in-memory LedgerClient for unit tests: contracts, offsets, query streams with the JSON API's message shapes
// (active contract set, live marker, changes; resume from an offset), injectable failures. Not a ledger.
import type { ActiveContract, CommandMeta, CommandResult, LedgerClient, LedgerEvent, LedgerStream, StreamObserver, StreamRequest } from "../types.js";
import { LedgerError } from "../types.js";

interface OpenStream { request: StreamRequest; observer: StreamObserver; open: boolean }
type CommandCall = { kind: string; templateId: string; choice?: string; contractId?: string; payload?: unknown; argument?: unknown; key?: unknown; commandId?: string };

export class MemoryLedger implements LedgerClient {
  readonly active = new Map<string, ActiveContract>();
  readonly packages = new Map<string, Uint8Array>();
  /** Every committed change, by offset, for resuming streams. */
  private readonly log: Array<{ offset: string; events: LedgerEvent[] }> = [];
  private readonly streams: OpenStream[] = [];
  private nextCid = 0;
  private nextOffset = 0;
  readonly commands: CommandCall[] = [];
  /** Make the next command calls fail with these errors (in order), before they commit. */
  readonly failures: Error[] = [];
  /** Make the next command calls commit and then fail with these errors (a lost answer). */
  readonly failuresAfterCommit: Error[] = [];
  /** Command ids already committed: a resubmission is refused as a duplicate, as the ledger does. */
  private readonly committedIds = new Set<string>();
  /** Called before each command; a test may await something here to hold a submission. */
  beforeCommand: (call: CommandCall) => Promise<void> | void = () => {};
  streamsOpened = 0;

  constructor(readonly party = "Alice") {}

  get offset(): string | null {
    return this.nextOffset === 0 ? null : offsetString(this.nextOffset);
  }

  /** A create by someone else (or us): committed, then streamed. */
  createContract(templateId: string, payload: Record<string, unknown>, key?: unknown): ActiveContract {
    const contract: ActiveContract = { contractId: `#${++this.nextCid}:0`, templateId, payload, ...(key !== undefined ? { key } : {}),
      signatories: [this.party], observers: [] };
    this.commit([{ created: contract }]);
    return contract;
  }

  archiveContract(contractId: string): void {
    const contract = this.active.get(contractId);
    if (!contract) throw new Error(`no active contract ${contractId}`);
    this.commit([{ archived: { contractId, templateId: contract.templateId } }]);
  }

  /** Several changes in one transaction (one offset). */
  commit(events: LedgerEvent[]): string {
    for (const e of events) {
      if ("created" in e) this.active.set(e.created.contractId, e.created);
      else this.active.delete(e.archived.contractId);
    }
    const offset = offsetString(++this.nextOffset);
    this.log.push({ offset, events });
    for (const s of this.streams) if (s.open) this.send(s, events, offset);
    return offset;
  }

  /** Simulates a lost connection: every open stream closes with 1006. */
  dropStreams(): void {
    for (const s of this.streams.splice(0)) {
      if (!s.open) continue;
      s.open = false;
      s.observer.closed({ code: 1006, reason: "connection lost" });
    }
  }

  get openStreams(): number {
    return this.streams.filter((s) => s.open).length;
  }

  async listPackages(): Promise<string[]> {
    return [...this.packages.keys()];
  }

  async getPackage(packageId: string): Promise<Uint8Array> {
    const bytes = this.packages.get(packageId);
    if (!bytes) throw new LedgerError("ledger/rejected", `unknown package ${packageId}`, 404);
    return bytes;
  }

  async query(templateIds: readonly string[]): Promise<ActiveContract[]> {
    return [...this.active.values()].filter((c) => covers(templateIds, c.templateId));
  }

  stream(request: StreamRequest, observer: StreamObserver): LedgerStream {
    this.streamsOpened++;
    const stream: OpenStream = { request, observer, open: true };
    this.streams.push(stream);
    // Asynchronous like a socket: messages arrive after the caller has set up.
    queueMicrotask(() => {
      if (!stream.open) return;
      if (request.offset === undefined) {
        const acs = [...this.active.values()].filter((c) => covers(request.templateIds, c.templateId));
        if (acs.length > 0) observer.message({ events: acs.map((created) => ({ created })) });
        observer.message({ events: [], offset: this.offset });
      } else {
        const from = this.log.findIndex((entry) => entry.offset === request.offset);
        for (const entry of this.log.slice(from + 1)) this.send(stream, entry.events, entry.offset);
        observer.message({ events: [], offset: this.offset });
      }
    });
    return { close: () => void (stream.open = false) };
  }

  async create(templateId: string, payload: unknown, meta?: CommandMeta): Promise<CommandResult> {
    await this.command({ kind: "create", templateId, payload, ...idOf(meta) });
    const contract = this.createContract(templateId, payload as Record<string, unknown>);
    return this.answer({ events: [{ created: contract }], ...(this.offset ? { completionOffset: this.offset } : {}) });
  }

  async exercise(templateId: string, contractId: string, choice: string, argument: unknown, meta?: CommandMeta): Promise<CommandResult> {
    await this.command({ kind: "exercise", templateId, contractId, choice, argument, ...idOf(meta) });
    const contract = this.active.get(contractId);
    if (!contract) throw new LedgerError("ledger/rejected", `contract ${contractId} not found`, 404, ["CONTRACT_NOT_FOUND"]);
    if (choice === "Archive") this.archiveContract(contractId);
    return this.answer({ exerciseResult: {}, events: [] });
  }

  async createAndExercise(templateId: string, payload: unknown, choice: string, argument: unknown, meta?: CommandMeta): Promise<CommandResult> {
    await this.command({ kind: "createAndExercise", templateId, payload, choice, argument, ...idOf(meta) });
    return this.answer({ exerciseResult: {}, events: [] });
  }

  async exerciseByKey(templateId: string, key: unknown, choice: string, argument: unknown, meta?: CommandMeta): Promise<CommandResult> {
    await this.command({ kind: "exerciseByKey", templateId, key, choice, argument, ...idOf(meta) });
    return this.answer({ exerciseResult: {}, events: [] });
  }

  async close(): Promise<void> {
    for (const s of this.streams) s.open = false;
  }

  private async command(call: CommandCall): Promise<void> {
    this.commands.push(call);
    await this.beforeCommand(call);
    const failure = this.failures.shift();
    if (failure) throw failure;
    if (call.commandId !== undefined) {
      if (this.committedIds.has(call.commandId)) {
        throw new LedgerError("ledger/rejected", `JSON API 409: ALREADY_EXISTS: Duplicate command ${call.commandId}`, 409, [`ALREADY_EXISTS: Duplicate command ${call.commandId}`]);
      }
      this.committedIds.add(call.commandId);
    }
  }

  /** The command has committed; its answer may still be lost (failuresAfterCommit). */
  private answer(result: CommandResult): CommandResult {
    const lost = this.failuresAfterCommit.shift();
    if (lost) throw lost;
    return result;
  }

  private send(stream: OpenStream, events: LedgerEvent[], offset: string): void {
    const visible = events.filter((e) => covers(stream.request.templateIds, "created" in e ? e.created.templateId : e.archived.templateId));
    stream.observer.message({ events: visible, offset });
  }
}

const idOf = (meta: CommandMeta | undefined) => (meta?.commandId !== undefined ? { commandId: meta.commandId } : {});
const offsetString = (n: number) => n.toString(16).padStart(8, "0");
const covers = (ids: readonly string[], templateId: string) => ids.length === 0 || ids.includes(templateId);
