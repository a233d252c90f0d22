// The access log, as aiohttp's `%a %t "%r" %s %b` (UTC instead of the container's zone). GET and HEAD of the polled
// routes (/healthz, /status, /readyz, /metrics, also under /integration/<id>/) are left out unless the level is ≥ 20.
// Fix: the original's `\w+` id pattern did not silence ids containing `-`; any single segment does here.
import type { FastifyReply, FastifyRequest } from "fastify";
import { redactUrl } from "./redact.js";

const POLLED = /^(?:\/integration\/[^/]+)?\/(?:healthz|status|readyz|metrics)(?:\?|$)/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function isPolledRequest(method: string, url: string): boolean {
  return (method === "GET" || method === "HEAD") && POLLED.test(url);
}

/** `[01/May/2024:12:00:00 +0000]` */
export function accessTime(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, "0");
  return `[${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:` +
    `${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000]`;
}

let stampSecond = -1;
let stampText = "";
function nowAccessTime(): string {
  const now = Date.now();
  if (Math.floor(now / 1000) !== stampSecond) {
    stampSecond = Math.floor(now / 1000);
    stampText = accessTime(new Date(now));
  }
  return stampText;
}

export function accessLine(request: FastifyRequest, reply: FastifyReply): string {
  const length = reply.getHeader("content-length");
  const bytes = length === undefined ? "-" : String(length);
  return `${request.ip} ${nowAccessTime()} "${request.method} ${redactUrl(request.url)} HTTP/${request.raw.httpVersion}" ` +
    `${reply.statusCode} ${bytes}`;
}

export function accessLogHook(write: (line: string) => void, debugEnabled: () => boolean) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    if (debugEnabled() || !isPolledRequest(request.method, request.url)) write(accessLine(request, reply));
    done();
  };
}
