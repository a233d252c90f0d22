/**
 * DARs are zips: read and written with @dit/dit-file's defensive reader and deterministic writer, with DAR-sized
 * limits, and its errors given DAR codes (`dar/path-traversal`, …) so callers see one error family.
 */
import { DitFileError, openZip, writeZip as writeArchive } from "@dit/dit-file";
import { type DamlLfErrorCode, DamlLfError } from "../errors.js";

export interface ZipLimits {
  /** Largest uncompressed size of one entry, in bytes. Default 64 MiB. */
  readonly maxEntryBytes?: number;
  /** Largest uncompressed size of all entries together, in bytes. Default 512 MiB. */
  readonly maxTotalBytes?: number;
  /** Most entries in the archive. Default 20 000. */
  readonly maxEntries?: number;
}

export interface ZipEntry {
  /** Path inside the archive, always with `/` separators. */
  readonly path: string;
  readonly data: Uint8Array;
}

export type ZipInput = ZipEntry;

export const defaultZipLimits: Required<ZipLimits> = {
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxEntries: 20_000,
};

const DAR_CODES: Partial<Record<string, DamlLfErrorCode>> = {
  "zip/path-traversal": "dar/path-traversal",
  "zip/absolute-path": "dar/absolute-path",
  "zip/bad-name": "dar/absolute-path",
  "zip/symlink": "dar/symlink",
  "zip/duplicate-entry": "dar/duplicate-entry",
  "zip/entry-too-large": "dar/entry-too-large",
  "zip/total-too-large": "dar/total-too-large",
  "zip/too-many-entries": "dar/too-many-entries",
  "zip/unsupported": "zip/unsupported",
};

/** Reads every file entry (directories are skipped). Throws DamlLfError for corrupt or hostile archives. */
export function readZip(bytes: Uint8Array, file: string, limits: ZipLimits = {}): ZipEntry[] {
  try {
    const zip = openZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), file, { ...defaultZipLimits, ...limits });
    return [...zip.files.values()].map((entry) => ({ path: entry.path, data: new Uint8Array(zip.read(entry)) }));
  } catch (error) {
    if (error instanceof DitFileError) {
      throw new DamlLfError(DAR_CODES[error.code] ?? "zip/corrupt", error.message, { file, cause: error });
    }
    throw error;
  }
}

/** A deterministic zip (fixed timestamps and modes, sorted entries): equal inputs give equal bytes. */
export function writeZip(files: readonly ZipInput[]): Uint8Array {
  return new Uint8Array(writeArchive(files.map((f) => ({ path: f.path, data: Buffer.from(f.data) }))));
}
