// The ledger seam: what the runtime needs from a ledger, in JSON API v1 terms (ledger-protocol.md §1).
// The @daml/ledger implementation is json-api-client.ts; unit tests use testing/memory-ledger.ts.
import type { PackageCatalog } from "./package-catalog.js";

/** A created event / active contract as the JSON API returns it (payload in LF-JSON). */
export interface ActiveContract {
  readonly contractId: string;
  /** Always fully qualified: `pkgId:Mod:Ent`. */
  readonly templateId: string;
  readonly payload: Record<string, unknown>;
  readonly key?: unknown;
  readonly signatories: readonly string[];
  readonly observers: readonly string[];
}

export type LedgerEvent =
  | { readonly created: ActiveContract }
  | { readonly archived: { readonly contractId: string; readonly templateId: string } };

/**
 * One message of a query stream. `offset` absent: part of the initial active contract set; present (a string, or
 * null on an empty ledger): a live message, the first of which marks the end of that set.
 */
export interface StreamMessage {
  readonly events: readonly LedgerEvent[];
  readonly offset?: string | null;
}

export interface StreamRequest {
  readonly templateIds: readonly string[];
  /** Resume: only changes after this offset (no initial active contract set). */
  readonly offset?: string;
}

export interface StreamClose {
  readonly code: number;
  readonly reason: string;
  /** The server refused the request (auth, bad template ids): reconnecting will not help. */
  readonly permanent?: boolean;
}

export interface StreamObserver {
  message(message: StreamMessage): void;
  /** Called once, unless the stream was closed by `close()`. */
  closed(info: StreamClose): void;
}

export interface LedgerStream {
  close(): void;
}

export interface CommandResult {
  readonly exerciseResult?: unknown;
  readonly events: readonly LedgerEvent[];
  readonly completionOffset?: string;
}

/** Per-command options. A command id lets the ledger de-duplicate a resubmission of the same command. */
export interface CommandMeta {
  readonly commandId?: string;
}

export interface LedgerClient {
  /** Package ids known to the ledger. */
  listPackages(): Promise<string[]>;
  /** The DALF (`Archive` protobuf) of one package. */
  getPackage(packageId: string): Promise<Uint8Array>;
  query(templateIds: readonly string[]): Promise<ActiveContract[]>;
  stream(request: StreamRequest, observer: StreamObserver): LedgerStream;
  create(templateId: string, payload: unknown, meta?: CommandMeta): Promise<CommandResult>;
  exercise(templateId: string, contractId: string, choice: string, argument: unknown, meta?: CommandMeta): Promise<CommandResult>;
  createAndExercise(templateId: string, payload: unknown, choice: string, argument: unknown, meta?: CommandMeta): Promise<CommandResult>;
  exerciseByKey(templateId: string, key: unknown, choice: string, argument: unknown, meta?: CommandMeta): Promise<CommandResult>;
  close(): Promise<void>;
  /** Optional: given the decoded packages of the ledger, for typed payload encoding. */
  useCatalog?(catalog: PackageCatalog): void;
}

export type LedgerErrorCode = "ledger/unauthorized" | "ledger/rejected" | "ledger/unreachable" | "ledger/protocol";

/** A failed ledger call, with the JSON API's status and errors when there was an answer. */
export class LedgerError extends Error {
  constructor(readonly code: LedgerErrorCode, message: string, readonly status?: number, readonly errors: readonly string[] = []) {
    super(message);
    this.name = "LedgerError";
  }
}

export const isCreated = (e: LedgerEvent): e is Extract<LedgerEvent, { created: unknown }> => "created" in e;
