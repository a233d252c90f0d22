// Handler return values → one shape (spec §3.10, bug 5 fixed): a response object, a list of commands, a single
// command, or nothing. A string is not a list of commands, and anything else is an error raised before any
// command is submitted (bug 4: the original submitted first and then answered 500).
import { type Command, isCommand } from "./commands.js";
import { RuntimeError } from "./errors.js";
import { type IntegrationResponse, isHttpResponse, type WebhookResponse } from "./responses.js";

export const DEFAULT_COMMAND_TIMEOUT_SECONDS = 30;

export interface NormalizedResponse {
  commands: readonly Command[];
  errorHandler: IntegrationResponse["errorHandler"];
  commandTimeoutSeconds: number;
  /** The webhook part (for non-webhook handlers it is ignored). */
  webhook: WebhookResponse;
}

const RESPONSE_KEYS = new Set(["commands", "errorHandler", "commandTimeout", "response", "json", "text", "blob", "contentType", "status"]);

export function normalizeResult(value: unknown): NormalizedResponse {
  if (value === undefined || value === null) return fromResponse({});
  if (Array.isArray(value)) return fromResponse({ commands: checkCommands(value, "the returned list") });
  if (isCommand(value)) return fromResponse({ commands: [value] });
  if (isHttpResponse(value)) return fromResponse({ response: value });
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype || isPlainResponse(value)) {
    const response = value as WebhookResponse;
    const unknown = Object.keys(response).filter((k) => !RESPONSE_KEYS.has(k));
    if (unknown.length > 0) {
      throw new RuntimeError("result/invalid",
        `handler returned an object with unknown keys ${unknown.map((k) => `"${k}"`).join(", ")}: expected a command, a list of commands or a response {commands, errorHandler, commandTimeout}`);
    }
    if (response.commands !== undefined && !Array.isArray(response.commands)) {
      throw new RuntimeError("result/invalid", "response.commands must be a list of commands");
    }
    if (response.commandTimeout !== undefined && !(typeof response.commandTimeout === "number" && response.commandTimeout > 0)) {
      throw new RuntimeError("result/invalid", `response.commandTimeout must be a positive number of seconds, not ${String(response.commandTimeout)}`);
    }
    return fromResponse({ ...response, commands: checkCommands(response.commands ?? [], "response.commands") });
  }
  throw new RuntimeError("result/invalid",
    `handler returned ${typeof value === "string" ? "a string" : typeof value}: expected a command, a list of commands, a response object or nothing`);
}

function isPlainResponse(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === null;
}

function checkCommands(list: readonly unknown[], where: string): Command[] {
  list.forEach((item, i) => {
    if (!isCommand(item)) {
      throw new RuntimeError("result/invalid", `${where}[${i}] is not a command (create, exercise, createAndExercise, exerciseByKey)`);
    }
  });
  return list as Command[];
}

function fromResponse(response: WebhookResponse): NormalizedResponse {
  return {
    commands: response.commands ?? [],
    errorHandler: response.errorHandler,
    commandTimeoutSeconds: response.commandTimeout ?? DEFAULT_COMMAND_TIMEOUT_SECONDS,
    webhook: response,
  };
}
