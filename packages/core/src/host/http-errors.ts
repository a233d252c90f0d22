// Bodies of the HTTP errors the host produces itself, as the original's aiohttp server wrote them.
import type { FastifyReply } from "fastify";
import { pythonJson } from "../python-json.js";

export const TEXT = "text/plain; charset=utf-8";
export const JSON_TYPE = "application/json; charset=utf-8";
/** aiohttp's generic 500 body, which Hub clients have seen for every handler failure. */
export const INTERNAL_ERROR_BODY = "500 Internal Server Error\n\nServer got itself in trouble";

/** `{"code": …, "description": …}` + "\n", the body of every auth and validation error (runtime.md §2.13). */
export function sendCodedError(reply: FastifyReply, status: number, code: string, description: string): FastifyReply {
  return reply.code(status).type(JSON_TYPE).send(pythonJson({ code, description }) + "\n");
}

export function sendNotFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).type(TEXT).send("404: Not Found");
}

export function sendMethodNotAllowed(reply: FastifyReply, allowed: readonly string[]): FastifyReply {
  return reply.code(405).type(TEXT).header("allow", allowed.join(",")).send("405: Method Not Allowed");
}

export function sendInternalError(reply: FastifyReply): FastifyReply {
  return reply.code(500).type(TEXT).header("connection", "close").send(INTERNAL_ERROR_BODY);
}
