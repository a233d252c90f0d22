// Errors of the runtime: a stable code, a message a user can act on. Load-time errors end the process with 9.

export type RuntimeErrorCode =
  | "entrypoint/malformed" | "entrypoint/not-found" | "entrypoint/import-failed" | "entrypoint/missing-export"
  | "entrypoint/bad-return" | "entrypoint/failed" | "env/failed"
  | "registration/late" | "registration/invalid" | "registration/duplicate-queue" | "template/no-default-model"
  | "template/invalid" | "template/unknown"
  | "queue/unknown" | "queue/full"
  | "result/invalid" | "submission/timeout" | "submission/failed"
  | "ledger/unreachable" | "ledger/unauthorized" | "ledger/failed" | "config/party";

export class RuntimeError extends Error {
  constructor(readonly code: RuntimeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RuntimeError";
  }
}

export const isRuntimeError = (error: unknown): error is RuntimeError => error instanceof RuntimeError;

/** The status JSON's rendering of an exception, after Python's `repr`: `Name('message')`. */
export function describeError(error: unknown): string {
  const quote = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (error instanceof Error) return `${error.name}(${quote(error.message)})`;
  return `Error(${quote(String(error))})`;
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
