/**
 * A small, defensive zip reader over an in-memory buffer (DARs are small): central directory first, then each
 * entry's local header. Rejects what a DAR never legitimately contains (symlinks, `..`, absolute paths, zip bombs).
 */
import { crc32, inflateRawSync } from "node:zlib";
import { DamlLfError } from "../errors.js";

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

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

export const defaultZipLimits: Required<ZipLimits> = {
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxEntries: 20_000,
};

/** Reads every file entry (directories are skipped). Throws DamlLfError for corrupt or hostile archives. */
export function readZip(bytes: Uint8Array, file: string, limits: ZipLimits = {}): ZipEntry[] {
  const caps = { ...defaultZipLimits, ...limits };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (message: string): never => {
    throw new DamlLfError("zip/corrupt", `${file}: not a valid zip archive: ${message}`, { file });
  };
  const eocd = findEndOfCentralDirectory(buf) ?? fail("no end-of-central-directory record");
  const entryCount = buf.readUInt16LE(eocd + 10);
  const directoryOffset = buf.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || directoryOffset === 0xffffffff) {
    throw new DamlLfError("zip/unsupported", `${file}: ZIP64 archives are not supported`, { file });
  }
  if (entryCount > caps.maxEntries) {
    throw new DamlLfError("dar/too-many-entries", `${file}: ${entryCount} entries exceed the limit of ${caps.maxEntries}`, { file });
  }
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let at = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL_SIGNATURE) fail(`bad central directory entry ${i}`);
    const madeBy = buf.readUInt16LE(at + 4);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const expectedCrc = buf.readUInt32LE(at + 16);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const externalAttributes = buf.readUInt32LE(at + 38);
    const localOffset = buf.readUInt32LE(at + 42);
    const rawName = buf.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    const path = checkEntryPath(rawName, file);
    if (madeBy >> 8 === UNIX_HOST && ((externalAttributes >>> 16) & S_IFMT) === S_IFLNK) {
      throw new DamlLfError("dar/symlink", `${file}: entry "${path}" is a symbolic link; DARs must not contain links`, { file });
    }
    if (path.endsWith("/")) continue;
    if (seen.has(path)) throw new DamlLfError("dar/duplicate-entry", `${file}: entry "${path}" appears twice`, { file });
    seen.add(path);
    if ((flags & 1) !== 0) throw new DamlLfError("zip/unsupported", `${file}: entry "${path}" is encrypted`, { file });
    checkSizes(size, total, path, file, caps);

    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) fail(`bad local header for "${path}"`);
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > buf.length) fail(`entry "${path}" runs past the end of the file`);
    const compressed = buf.subarray(dataStart, dataStart + compressedSize);
    const data = inflateEntry(compressed, method, size, path, file, caps.maxEntryBytes);
    if (data.length !== size) fail(`entry "${path}" has ${data.length} bytes, the directory says ${size}`);
    if (crc32(data) !== expectedCrc) fail(`entry "${path}" fails its CRC check`);
    total += size;
    entries.push({ path, data });
  }
  return entries;
}

function findEndOfCentralDirectory(buf: Buffer): number | undefined {
  const earliest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= earliest; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  }
  return undefined;
}

/** Normalises separators and rejects paths that would escape an extraction directory. */
function checkEntryPath(rawName: string, file: string): string {
  const path = rawName.replaceAll("\\", "/");
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) {
    throw new DamlLfError("dar/absolute-path", `${file}: entry "${rawName}" has an absolute path`, { file });
  }
  if (path.split("/").includes("..")) {
    throw new DamlLfError("dar/path-traversal", `${file}: entry "${rawName}" contains ".." (zip slip)`, { file });
  }
  if (path.includes("\0")) throw new DamlLfError("zip/corrupt", `${file}: entry name contains a NUL byte`, { file });
  return path;
}

function checkSizes(size: number, total: number, path: string, file: string, caps: Required<ZipLimits>): void {
  if (size > caps.maxEntryBytes) {
    throw new DamlLfError(
      "dar/entry-too-large",
      `${file}: entry "${path}" is ${size} bytes uncompressed, over the limit of ${caps.maxEntryBytes}`,
      { file },
    );
  }
  if (total + size > caps.maxTotalBytes) {
    throw new DamlLfError(
      "dar/total-too-large",
      `${file}: the archive unpacks to more than the limit of ${caps.maxTotalBytes} bytes`,
      { file },
    );
  }
}

function inflateEntry(compressed: Buffer, method: number, size: number, path: string, file: string, cap: number): Buffer {
  if (method === 0) return compressed;
  if (method !== 8) {
    throw new DamlLfError("zip/unsupported", `${file}: entry "${path}" uses compression method ${method}`, { file });
  }
  try {
    // The cap guards against entries whose directory understates their real size (zip bombs).
    return inflateRawSync(compressed, { maxOutputLength: Math.max(1, Math.min(cap, size + 1)) });
  } catch (cause) {
    if (cause instanceof RangeError) {
      throw new DamlLfError("dar/entry-too-large", `${file}: entry "${path}" inflates past its declared size`, { file, cause });
    }
    throw new DamlLfError("zip/corrupt", `${file}: entry "${path}" cannot be inflated`, { file, cause });
  }
}
