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
