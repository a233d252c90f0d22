/** Every failure this package reports: a stable `code` for programs, a message a user can act on. */

export type DamlLfErrorCode =
  | "zip/corrupt"
  | "zip/unsupported"
  | "dar/path-traversal"
  | "dar/absolute-path"
  | "dar/symlink"
  | "dar/duplicate-entry"
  | "dar/entry-too-large"
  | "dar/total-too-large"
  | "dar/too-many-entries"
  | "dar/missing-manifest"
  | "dar/bad-manifest"
  | "dar/missing-dalf"
  | "dalf/corrupt"
  | "dalf/hash-mismatch"
  | "dalf/unsupported-hash"
  | "dalf/too-deep"
  | "lf/unsupported-version"
  | "lf/malformed"
  | "lf/unknown-reference"
  | "lookup/not-found"
  | "lookup/ambiguous"
  | "json/type-mismatch"
  | "json/missing-field"
  | "json/unknown-field"
  | "json/out-of-range"
  | "json/duplicate-key"
  | "json/unsupported-type"
  | "build/invalid";

export interface DamlLfErrorDetails {
  /** The DAR or DALF (or DAR entry) the error is about. */
  readonly file?: string;
  /** For LF-JSON errors, the dotted path of the offending value, e.g. `payload.amount`. */
  readonly valuePath?: string;
  readonly cause?: unknown;
}

export class DamlLfError extends Error {
  override readonly name = "DamlLfError";
  readonly code: DamlLfErrorCode;
  readonly file: string | undefined;
  readonly valuePath: string | undefined;

  constructor(code: DamlLfErrorCode, message: string, details: DamlLfErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.file = details.file;
    this.valuePath = details.valuePath;
  }
}

export function isDamlLfError(error: unknown, code?: DamlLfErrorCode): error is DamlLfError {
  return error instanceof DamlLfError && (code === undefined || error.code === code);
}
