// The author API and the runtime of @dit/core (see README "## Runtime").
export { AuthLevel } from "../contract.js";
export type { WebhookRequest } from "../contract.js";
export {
  type Command, type CreateAndExerciseCommand, type CreateCommand, type ExerciseByKeyCommand, type ExerciseCommand, type TemplateRef,
  create, createAndExercise, exercise, exerciseByKey,
} from "./commands.js";
export {
  type HandlerResult, type HandlerReturn, type HttpResponse, type IntegrationResponse, type SubmissionFailure, type WebhookResponse,
  type WebhookResult, type WebhookReturn,
  badRequest, blobSuccessResponse, emptySuccessResponse, forbiddenResponse, internalServerError, jsonResponse, notFoundResponse,
  requestParties, singleRequestParty, textResponse, unauthorizedResponse,
} from "./responses.js";
export type {
  ArchivedOptions, ContractArchiveEvent, ContractCreateEvent, ContractEvent, CreatedOptions, IntegrationEvents, LedgerEvents, Payload,
  TransactionEvent, WebhookHandler, WebhookOptions,
} from "./events.js";
export { type ContractMatch, matchesPayload, qualifyTemplateId as ensurePackageId } from "./templates.js";
export type { IntegrationEnv, IntegrationEnvironment } from "./env.js";
export type { QueueSink } from "./scheduler.js";
export { type Clock, systemClock } from "./clock.js";
export { RuntimeError, type RuntimeErrorCode, isRuntimeError } from "./errors.js";
export { getIntegrationLogger, type Log, setIntegrationLogger } from "./log.js";
export { pythonJson } from "../python-json.js";
export { type EntryPoint, IntegrationRuntime, type LoadResult, type RuntimeExit, type RuntimeOptions } from "./runtime.js";
export { findModuleFile, parseSymbol, resolveSymbol } from "./entrypoint.js";
export { damlModelFromDar, projectDars } from "./model.js";
export { ManualClock } from "./testing/manual-clock.js";
export * from "../ledger/index.js";
