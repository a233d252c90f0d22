// The logger shape the runtime writes to. pino loggers fit it; the host's logger factory supplies them.

export interface Log {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLog: Log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let integrationLog: Log = silentLog;

/** `getIntegrationLogger()`: the logger named `integration` for author code (set by `dit run` from the host's logging). */
export function getIntegrationLogger(): Log {
  return integrationLog;
}

export function setIntegrationLogger(log: Log): void {
  integrationLog = log;
}
