export { LedgerApi, LedgerApiError, LEDGER_API_SERVICES } from "./client.js";
export type { CallOptions, LedgerApiOptions, ProtoObject, ServerStream } from "./client.js";
export { listServices, loadServiceDescriptors } from "./reflection.js";
export { apiRecordToJson, apiValueToJson, formatApiIdentifier, lfRecordToApi, lfValueToApi, toApiIdentifier } from "./values.js";
export type { ApiIdentifier } from "./values.js";
