// One logger factory on pino 10. Levels follow DABL_LOG_LEVEL as in runtime.md §6; the default output is the
// original's text line (`2024-05-01T12:00:00+0000 [INFO] (dit) msg`), JSON lines on request (DIT_LOG_FORMAT=json).
// Every line passes the secret scrubber, whatever its format.
import { pino, type DestinationStream, type Logger } from "pino";
import { MAX_LOG_LEVEL, MIN_LOG_LEVEL, isValidLogLevel } from "./config.js";
import { REDACTED, REDACT_PATHS, SecretScrubber } from "./redact.js";

export type { Logger } from "pino";

/**
 * Logger names. `integration` is the author's (as the original); `dit` is the framework's, the original's
 * `daml-dit-if`; `dit.access` replaces `aiohttp.access`; `dit.ledger` replaces `dazl`.
 */
export const LOGGER_NAMES = { integration: "integration", framework: "dit", access: "dit.access", ledger: "dit.ledger" } as const;

export type LogFormat = "text" | "json";

export interface LoggingOptions {
  /** DABL_LOG_LEVEL, 0..50 (default 0). */
  level?: number;
  format?: LogFormat;
  /** Where lines go (default: stderr, as the original). Tests pass a capturing stream. */
  destination?: DestinationStream;
  /** Secret values to remove from every line (the ledger token). More can be added with `addSecret`. */
  secrets?: Array<string | undefined>;
  /**
   * Access-log lines are collected and written every 25 ms or 16 KiB (default true): one write for many requests
   * under load. Tests that read lines right after a request turn it off.
   */
  batchAccessLog?: boolean;
}

/** Access-log lines wait at most this long, or until this many characters are buffered. */
const ACCESS_BATCH_MS = 25;
const ACCESS_BATCH_BYTES = 16_384;

export type LogLevelResult = { ok: true; level: number } | { ok: false; code: "invalid_log_level"; message: string };

/** The process's loggers and its one run-time level switch. */
export interface DitLogging {
  /** The root pino logger (name `root`); pass it to Fastify as `loggerInstance`. */
  root: Logger;
  integration: Logger;
  framework: Logger;
  access: Logger;
  ledger: Logger;
  format: LogFormat;
  getLogLevel(): number;
  /** Validates and applies a framework level (0..50); logs `Updating log level to L` when the new or old level is > 0. */
  setLogLevel(level: number): LogLevelResult;
  /** "Debug enabled" of the original (L ≥ 20): polled routes appear in the access log. */
  debugEnabled(): boolean;
  addSecret(secret: string | undefined): void;
  /** Writes one access-log line (INFO, logger `dit.access`); in text format straight to the destination, skipping pino. */
  accessLog(line: string): void;
  /** Writes what is buffered (call before exiting). */
  flush(): void;
}

type PinoLevel = "debug" | "info";

/** pino level of each logger at framework level L (runtime.md §6: the rest stay at INFO). */
export function levelsFor(level: number): { integration: PinoLevel; framework: PinoLevel; ledger: PinoLevel; root: PinoLevel } {
  return {
    integration: level >= 10 ? "debug" : "info",
    framework: level >= 20 ? "debug" : "info",
    ledger: level >= 40 ? "debug" : "info",
    root: level >= 40 ? "debug" : "info",
  };
}

export function createLogging(options: LoggingOptions = {}): DitLogging {
  const format = options.format ?? "text";
  const scrubber = new SecretScrubber();
  for (const secret of options.secrets ?? []) scrubber.add(secret);
  let current = options.level ?? 0;
  if (!isValidLogLevel(current)) throw new RangeError(`log level ${current} outside ${MIN_LOG_LEVEL}..${MAX_LOG_LEVEL}`);

  // Synchronous like pino's own default, so that a FATAL line is out before the process exits 9; the access log is
  // batched (below), so this costs one write per batch under load.
  const destination = options.destination ?? pino.destination({ dest: 2, sync: true });
  const root = pino({
    level: "debug",
    base: { name: "root" },
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    hooks: { streamWrite: format === "text" ? (line) => scrubber.scrub(toTextLine(line)) : (line) => scrubber.scrub(line) },
  }, destination);
  const named = (name: string): Logger => root.child({ name });
  const loggers = {
    integration: named(LOGGER_NAMES.integration),
    framework: named(LOGGER_NAMES.framework),
    access: named(LOGGER_NAMES.access),
    ledger: named(LOGGER_NAMES.ledger),
  };
  const apply = (level: number): void => {
    const levels = levelsFor(level);
    loggers.integration.level = levels.integration;
    loggers.framework.level = levels.framework;
    loggers.ledger.level = levels.ledger;
    root.level = levels.root;
    loggers.access.level = "info";
  };
  apply(current);

  // The access log is the one per-request line: in text format it skips pino's JSON round trip and is batched.
  const batch = options.batchAccessLog ?? true;
  let pendingAccess = "";
  let flushScheduled = false;
  const flushAccess = (): void => {
    flushScheduled = false;
    if (pendingAccess === "") return;
    const text = pendingAccess;
    pendingAccess = "";
    destination.write(text);
  };
  const textAccessLog = (line: string): void => {
    if (!loggers.access.isLevelEnabled("info")) return;
    pendingAccess += scrubber.scrub(`${cachedTimestamp()} [INFO] (${LOGGER_NAMES.access}) ${line}\n`);
    if (!batch || pendingAccess.length >= ACCESS_BATCH_BYTES) flushAccess();
    else if (!flushScheduled) {
      // A timer rather than setImmediate: an immediate keeps the event loop from blocking in poll, so each turn would
      // carry fewer requests and cost more per request.
      flushScheduled = true;
      setTimeout(flushAccess, ACCESS_BATCH_MS).unref();
    }
  };

  return {
    root, ...loggers, format,
    getLogLevel: () => current,
    debugEnabled: () => current >= 20,
    addSecret: (secret) => scrubber.add(secret),
    accessLog: format === "json" ? (line) => loggers.access.info(line) : textAccessLog,
    flush() {
      flushAccess();
      root.flush();
    },
    setLogLevel(level) {
      if (!isValidLogLevel(level)) {
        return { ok: false, code: "invalid_log_level", message: `log level must be an integer from ${MIN_LOG_LEVEL} to ${MAX_LOG_LEVEL}` };
      }
      const previous = current;
      current = level;
      apply(level);
      if (level > 0 || previous > 0) loggers.framework.info(`Updating log level to ${level}`);
      return { ok: true, level };
    },
  };
}

const LEVEL_NAMES: Record<number, string> = { 10: "DEBUG", 20: "DEBUG", 30: "INFO", 40: "WARNING", 50: "ERROR", 60: "CRITICAL" };
const STANDARD_KEYS = new Set(["level", "time", "msg", "name", "err", "pid", "hostname"]);

/** `%(asctime)s [%(levelname)s] (%(name)s) %(message)s` with `%Y-%m-%dT%H:%M:%S%z` in UTC. */
export function formatTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19) + "+0000";
}

let stampSecond = -1;
let stampText = "";
/** formatTimestamp of now, computed once per second. */
function cachedTimestamp(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== stampSecond) {
    stampSecond = second;
    stampText = formatTimestamp(now);
  }
  return stampText;
}

/** Turns one pino JSON line into the original's text line; extra fields follow as JSON, an error's stack below. */
function toTextLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry.time === "number" ? entry.time : Date.now();
  const level = LEVEL_NAMES[typeof entry.level === "number" ? entry.level : 30] ?? "INFO";
  let line = `${formatTimestamp(time)} [${level}] (${String(entry.name ?? "root")}) ${String(entry.msg ?? "")}`;
  const extra: Record<string, unknown> = {};
  let hasExtra = false;
  for (const [key, value] of Object.entries(entry)) {
    if (!STANDARD_KEYS.has(key)) { extra[key] = value; hasExtra = true; }
  }
  if (hasExtra) line += ` ${JSON.stringify(extra)}`;
  const err = entry.err as { stack?: unknown; message?: unknown } | undefined;
  if (err && typeof err === "object") line += `\n${String(err.stack ?? err.message ?? "")}`;
  return line + "\n";
}
