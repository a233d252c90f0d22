// The host: HTTP server, auth, status, metrics and logging of an integration process.
export {
  CONFIG_DEFAULTS, CONFIG_ENV_NAMES, type ConfigError, type ConfigErrorCode, type ConfigResult, type DitConfig, type Env,
  MAX_LOG_LEVEL, MIN_LOG_LEVEL, describeConfig, isValidLogLevel, readConfig,
} from "./config.js";
export {
  type DitLogging, LOGGER_NAMES, type LogFormat, type LogLevelResult, type Logger, type LoggingOptions, createLogging,
  formatTimestamp, levelsFor,
} from "./logging.js";
export { REDACTED, REDACT_PATHS, SECRET_FIELD_PATTERN, SecretScrubber, redactConfig, redactUrl } from "./redact.js";
export {
  DEFAULT_BODY_LIMIT, type HostApp, type HostOptions, type RunningHost, type StartHostOptions, buildHostApp, startHost,
} from "./app.js";
export {
  type AuthErrorCode, type AuthOptions, type AuthOutcome, type AuthRequest, type Authorizer, CLOCK_TOLERANCE_SECONDS,
  LEDGER_CLAIMS_KEY, createAuthorizer, ledgerClaimsOf, tokenOf,
} from "./auth.js";
export { JwksCache, type JwksOptions, verificationKeyOf } from "./jwks.js";
export { type GaugeSample, type HostMetrics, LATENCY_BUCKETS, METRICS_CONTENT_TYPE, createMetrics } from "./metrics.js";
export { LOG_LEVEL_OPTIONS, statusBody, statusDocument } from "./status.js";
export { INTEGRATION_PREFIX, webhookPath } from "./webhooks.js";
