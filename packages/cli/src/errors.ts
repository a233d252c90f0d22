/**
 * Exit codes of every dit command: 0 ok, 1 invalid input or failed job, 2 usage error or unreadable input;
 * `dit run` also passes on the runtime's 9 for a fatal framework error, as the original did.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, fatal: 9 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error a user can act on: printed as `dit: <message>` (plus the hint), then the process exits with `exitCode`. */
export class DitError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly options: { exitCode?: ExitCode; hint?: string } = {},
  ) {
    super(message);
    this.name = "DitError";
  }

  get exitCode(): ExitCode {
    return this.options.exitCode ?? EXIT.failed;
  }
}
