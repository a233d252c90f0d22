// The ledger side of @dit/core: the LedgerClient seam and its implementations.
export {
  type ActiveContract, type CommandMeta, type CommandResult, type LedgerClient, LedgerError, type LedgerErrorCode, type LedgerEvent, type LedgerStream,
  type StreamClose, type StreamMessage, type StreamObserver, type StreamRequest,
} from "./types.js";
export { MemoryLedger } from "./testing/memory-ledger.js";
export { JsonApiLedger, type JsonApiOptions } from "./json-api-client.js";
export { type JsonApiStandIn, startJsonApiStandIn } from "./testing/json-api-standin.js";
export { StreamSupervisor } from "./stream-supervisor.js";
