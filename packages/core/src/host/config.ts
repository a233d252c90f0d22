// Every environment variable the runtime reads, in one place (runtime.md §3.2). Names and defaults are the original's;
// the only change of meaning is DABL_LEDGER_URL, which is the JSON API base URL here (the original spoke gRPC to
// port 6865). An empty string counts as unset.

/** The process configuration, read once at start by `readConfig`. */
export interface DitConfig {
  /** DABL_HEALTH_PORT (8089): the single HTTP listener for health, status, metrics and webhooks. */
  healthPort: number;
  /** DABL_LEDGER_URL (http://localhost:7575): JSON API v1 base URL. The original's default was gRPC localhost:6865. */
  ledgerUrl: string;
  /** DABL_LEDGER_ID (cloudbox): only compared with the `ledgerId` claim of inbound tokens; never sent to the ledger. */
  ledgerId: string;
  /** DAML_DIT_META_PATH (dabl-meta.yaml): local fallback path of the DIT metadata. */
  metaPath: string;
  /** DABL_INTEGRATION_METADATA_PATH (int_args.yaml): the runtime spec with the config values. */
  metadataPath: string;
  /** DABL_INTEGRATION_TYPE_ID: which integration type to run; falls back to `type_id` in int_args.yaml. */
  integrationTypeId: string | undefined;
  /** DAML_LEDGER_PARTY: the run-as party (the daml-dit-api README's DABL_LEDGER_PARTY is wrong). */
  party: string | undefined;
  /** DABL_LOG_LEVEL (0): 0..50, see logging.ts. */
  logLevel: number;
  /** DABL_JWKS_URL: JWKS for webhook and control-route auth; unset → every non-PUBLIC route answers 401. */
  jwksUrl: string | undefined;
  /** DABL_QUEUE_SIZE (512): capacity of the shared timer/queue work queue. */
  queueSize: number;
  /** DAML_LEDGER_TOKEN: static bearer token for the JSON API (no refresh). A secret: never logged. */
  ledgerToken: string | undefined;
  /** DAML_LEDGER_APPLICATION_NAME: application id on submissions (the original fell back to dazl's `DAZL-Client`). */
  applicationName: string | undefined;
  /** DIT_LOG_FORMAT (text): `text` for the original's line format, `json` for one pino JSON object per line. New. */
  logFormat: "text" | "json";
}

export const CONFIG_DEFAULTS = {
  healthPort: 8089,
  ledgerUrl: "http://localhost:7575",
  ledgerId: "cloudbox",
  metaPath: "dabl-meta.yaml",
  metadataPath: "int_args.yaml",
  logLevel: 0,
  queueSize: 512,
  logFormat: "text",
} as const;

/** Environment variable of every DitConfig field, for messages and documentation. */
export const CONFIG_ENV_NAMES: Record<keyof DitConfig, string> = {
  healthPort: "DABL_HEALTH_PORT",
  ledgerUrl: "DABL_LEDGER_URL",
  ledgerId: "DABL_LEDGER_ID",
  metaPath: "DAML_DIT_META_PATH",
  metadataPath: "DABL_INTEGRATION_METADATA_PATH",
  integrationTypeId: "DABL_INTEGRATION_TYPE_ID",
  party: "DAML_LEDGER_PARTY",
  logLevel: "DABL_LOG_LEVEL",
  jwksUrl: "DABL_JWKS_URL",
  queueSize: "DABL_QUEUE_SIZE",
  ledgerToken: "DAML_LEDGER_TOKEN",
  applicationName: "DAML_LEDGER_APPLICATION_NAME",
  logFormat: "DIT_LOG_FORMAT",
};

export type ConfigErrorCode = "config/invalid-integer" | "config/log-level-range" | "config/invalid-choice";

/** A configuration problem. The runtime logs `=== FATAL ERROR: <message> ===` and exits 9, as the original. */
export interface ConfigError {
  code: ConfigErrorCode;
  variable: string;
  value: string;
  message: string;
}

export type ConfigResult = { ok: true; config: DitConfig } | { ok: false; error: ConfigError };

export type Env = Readonly<Record<string, string | undefined>>;

export const MIN_LOG_LEVEL = 0;
export const MAX_LOG_LEVEL = 50;

/** Reads the configuration from `env` (normally `process.env`); never throws. */
export function readConfig(env: Env): ConfigResult {
  const text = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value === "" ? undefined : value;
  };
  let error: ConfigError | undefined;
  const integer = (name: string, fallback: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    // Python's int() accepts surrounding whitespace, a sign and underscores between digits; nothing else.
    const trimmed = raw.trim();
    if (!/^[+-]?\d+(?:_\d+)*$/.test(trimmed)) {
      error ??= { code: "config/invalid-integer", variable: name, value: raw,
        message: `Invalid integer ${raw} in environment variable: ${name}` };
      return fallback;
    }
    return Number(trimmed.replaceAll("_", ""));
  };

  const logLevel = integer("DABL_LOG_LEVEL", CONFIG_DEFAULTS.logLevel);
  if (!error && !isValidLogLevel(logLevel)) {
    error = { code: "config/log-level-range", variable: "DABL_LOG_LEVEL", value: String(logLevel),
      message: `Invalid log level ${logLevel} in environment variable: DABL_LOG_LEVEL (must be between ${MIN_LOG_LEVEL} and ${MAX_LOG_LEVEL})` };
  }
  const format = text("DIT_LOG_FORMAT") ?? CONFIG_DEFAULTS.logFormat;
  if (!error && format !== "text" && format !== "json") {
    error = { code: "config/invalid-choice", variable: "DIT_LOG_FORMAT", value: format,
      message: `Invalid value ${format} in environment variable: DIT_LOG_FORMAT (expected text or json)` };
  }
  const config: DitConfig = {
    healthPort: integer("DABL_HEALTH_PORT", CONFIG_DEFAULTS.healthPort),
    ledgerUrl: text("DABL_LEDGER_URL") ?? CONFIG_DEFAULTS.ledgerUrl,
    ledgerId: text("DABL_LEDGER_ID") ?? CONFIG_DEFAULTS.ledgerId,
    metaPath: text("DAML_DIT_META_PATH") ?? CONFIG_DEFAULTS.metaPath,
    metadataPath: text("DABL_INTEGRATION_METADATA_PATH") ?? CONFIG_DEFAULTS.metadataPath,
    integrationTypeId: text("DABL_INTEGRATION_TYPE_ID"),
    party: text("DAML_LEDGER_PARTY"),
    logLevel,
    jwksUrl: text("DABL_JWKS_URL"),
    queueSize: integer("DABL_QUEUE_SIZE", CONFIG_DEFAULTS.queueSize),
    ledgerToken: text("DAML_LEDGER_TOKEN"),
    applicationName: text("DAML_LEDGER_APPLICATION_NAME"),
    logFormat: format === "json" ? "json" : "text",
  };
  return error ? { ok: false, error } : { ok: true, config };
}

export function isValidLogLevel(level: number): boolean {
  return Number.isInteger(level) && level >= MIN_LOG_LEVEL && level <= MAX_LOG_LEVEL;
}

/** The configuration as the start-up INFO line shows it: the token only as `[REDACTED]` (the original left it out). */
export function describeConfig(config: DitConfig): Record<string, string | number | undefined> {
  return { ...config, ledgerToken: config.ledgerToken === undefined ? undefined : "[REDACTED]" };
}
