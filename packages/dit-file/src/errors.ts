/** Every failure of this package is a DitFileError with a stable code and a message that names the file. */
export type DitFileErrorCode =
  | "zip/corrupt"
  | "zip/unsupported"
  | "zip/path-traversal"
  | "zip/absolute-path"
  | "zip/bad-name"
  | "zip/symlink"
  | "zip/duplicate-entry"
  | "zip/entry-too-large"
  | "zip/total-too-large"
  | "zip/too-many-entries"
  | "dit/no-metadata"
  | "io/unreadable";

export class DitFileError extends Error {
  constructor(
    readonly code: DitFileErrorCode,
    message: string,
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DitFileError";
  }
}

export const isDitFileError = (error: unknown): error is DitFileError => error instanceof DitFileError;
