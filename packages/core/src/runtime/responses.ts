// What handlers return, and the HTTP response helpers of the original (`json_response`, `bad_request`, ...).
import type { LedgerClaims, WebhookReply, WebhookRequest } from "../contract.js";
import type { Command } from "./commands.js";
import { pythonJson } from "../python-json.js";

/** Why a submission failed; given to `errorHandler`. */
export interface SubmissionFailure {
  readonly error: Error;
  /** The command that failed (or was about to be sent when the timeout hit) and its position in the list. */
  readonly command: Command;
  readonly index: number;
  /** Commands after the failed one, which were not sent. */
  readonly notSent: readonly Command[];
}

/** `IntegrationResponse`: commands to submit once the handler returns. */
export interface IntegrationResponse {
  readonly commands?: readonly Command[];
  /** Called when a submission fails or times out (its own errors are logged and ignored). */
  readonly errorHandler?: (failure: SubmissionFailure) => void | Promise<void>;
  /** Seconds for submitting all commands of this response; default 30. */
  readonly commandTimeout?: number;
}

/** An HTTP response built by the helpers below; return it alone or as `response` of a WebhookResponse. */
export interface HttpResponse extends WebhookReply {
  readonly kind: "http";
}

/** `IntegrationWebhookResponse`: commands plus the HTTP answer. First set wins: response > json > text > blob. */
export interface WebhookResponse extends IntegrationResponse {
  readonly response?: HttpResponse;
  /** Serialised like the original's json_response (Python JSON format, trailing newline). `undefined` = not set. */
  readonly json?: unknown;
  readonly text?: string;
  readonly blob?: Uint8Array | string;
  /** Content type of `text` (default text/plain) or `blob` (default application/octet-stream). */
  readonly contentType?: string;
  /** Status of the json/text/blob answer; default 200. */
  readonly status?: number;
}

/** What any handler may return (see normalize.ts). */
export type HandlerReturn = IntegrationResponse | readonly Command[] | Command | void | null | undefined;
export type WebhookReturn = WebhookResponse | HttpResponse | HandlerReturn;
export type HandlerResult = HandlerReturn | Promise<HandlerReturn>;
export type WebhookResult = WebhookReturn | Promise<WebhookReturn>;

export function jsonResponse(data: unknown, options: { status?: number; headers?: Record<string, string> } = {}): HttpResponse {
  return {
    kind: "http",
    status: options.status ?? 200,
    headers: { "content-type": "application/json; charset=utf-8", ...options.headers },
    body: pythonJson(data) + "\n",
  };
}

export function textResponse(text: string, options: { status?: number; contentType?: string } = {}): HttpResponse {
  return { kind: "http", status: options.status ?? 200, headers: { "content-type": withCharset(options.contentType ?? "text/plain") }, body: text };
}

/** 200, body `200: OK`, text/plain. */
export const emptySuccessResponse = (): HttpResponse => textResponse("200: OK");

export function blobSuccessResponse(body: Uint8Array | string, contentType = "application/octet-stream"): HttpResponse {
  return { kind: "http", status: 200, headers: { "content-type": contentType }, body: typeof body === "string" ? body : Buffer.from(body) };
}

const errorResponse = (status: number) => (code: string, description: string): HttpResponse =>
  jsonResponse({ code, description }, { status });

export const badRequest = errorResponse(400);
export const unauthorizedResponse = errorResponse(401);
export const forbiddenResponse = errorResponse(403);
export const notFoundResponse = errorResponse(404);
export const internalServerError = errorResponse(500);

export const isHttpResponse = (value: unknown): value is HttpResponse =>
  typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "http";

/** Converts the HTTP part of a webhook response (bug 3 of the spec fixed: an unset json is really unset). */
export function toWebhookReply(response: WebhookResponse): WebhookReply {
  if (response.response) return stripKind(response.response);
  const status = response.status ?? 200;
  if (response.json !== undefined) return stripKind(jsonResponse(response.json, { status }));
  if (response.text !== undefined) return stripKind(textResponse(response.text, { status, contentType: response.contentType ?? "text/plain" }));
  if (response.blob !== undefined) {
    return { ...stripKind(blobSuccessResponse(response.blob, response.contentType ?? "application/octet-stream")), status };
  }
  return stripKind(emptySuccessResponse());
}

function stripKind(response: HttpResponse): WebhookReply {
  return { status: response.status, ...(response.headers ? { headers: response.headers } : {}), ...(response.body !== undefined ? { body: response.body } : {}) };
}

const withCharset = (type: string) => (type.startsWith("text/") && !type.includes("charset") ? `${type}; charset=utf-8` : type);

/** `get_request_parties`: parties in both actAs and readAs of the verified token; [] on PUBLIC routes. */
export function requestParties(request: Pick<WebhookRequest, "claims">): string[] {
  const claims: LedgerClaims | undefined = request.claims;
  if (!claims) return [];
  const readers = new Set(claims.readAs);
  return [...new Set(claims.actAs.filter((p) => readers.has(p)))];
}

/** `get_single_request_party`: the only party of the token, undefined if none; more than one is an error (a 500). */
export function singleRequestParty(request: Pick<WebhookRequest, "claims">): string | undefined {
  const parties = requestParties(request);
  if (parties.length > 1) throw new Error(`Only one ledger party expected in token: ${JSON.stringify(parties)}`);
  return parties[0];
}
