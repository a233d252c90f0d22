/**
 * A defensive zip reader over an in-memory buffer that tolerates data before the zip (a PEX's shebang line):
 * offsets are taken relative to where the central directory really is, as Python's zipfile does. The directory is
 * checked when the archive is opened (names, links, sizes); entry data is inflated and CRC-checked on `read`.
 */
import { crc32, inflateRawSync } from "node:zlib";
import { DitFileError } from "./errors.js";

export interface ZipLimits {
  /** Largest uncompressed size of one entry. Default 512 MiB. */
  readonly maxEntryBytes?: number;
  /** Largest uncompressed size of all entries together. Default 1 GiB. */
  readonly maxTotalBytes?: number;
  /** Most entries. Default 100 000. */
  readonly maxEntries?: number;
}

export const DEFAULT_ZIP_LIMITS: Required<ZipLimits> = {
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxEntries: 100_000,
};

export interface ZipDirectoryEntry {
  /** Path inside the archive with `/` separators; directories end in `/`. */
  readonly path: string;
  readonly isDirectory: boolean;
  /** Uncompressed size, as the central directory states it (reading checks it). */
  readonly size: number;
  readonly compressedSize: number;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc32: number;
  /** Unix permission bits (e.g. 0o644) when the archive records them, else undefined. */
  readonly mode: number | undefined;
  /** Offset of the local header in the buffer (the prefix already added). */
  readonly localOffset: number;
}

export interface OpenedZip {
  readonly file: string;
  /** Bytes before the zip data (e.g. 23 for `#!/usr/bin/env python3\n`); 0 for a plain zip. */
  readonly prefixLength: number;
  /** The prefix itself, as text (a shebang line), when there is one. */
  readonly prefix: string;
  /** File and directory entries, in archive order. */
  readonly entries: readonly ZipDirectoryEntry[];
  /** File entries by path. */
  readonly files: ReadonlyMap<string, ZipDirectoryEntry>;
  /** Inflates one entry and checks its size and CRC. */
  read(entry: ZipDirectoryEntry): Buffer;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

export function openZip(bytes: Uint8Array, file: string, limits: ZipLimits = {}): OpenedZip {
  const caps = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (message: string): never => {
    throw new DitFileError("zip/corrupt", `${file}: not a valid zip archive: ${message}`, file);
  };
  const eocd = findEndOfCentralDirectory(buf) ?? fail("no end-of-central-directory record");
  const entryCount = buf.readUInt16LE(eocd + 10);
  const directorySize = buf.readUInt32LE(eocd + 12);
  const directoryOffset = buf.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    throw new DitFileError("zip/unsupported", `${file}: ZIP64 archives are not supported`, file);
  }
  if (entryCount > caps.maxEntries) {
    throw new DitFileError("zip/too-many-entries", `${file}: ${entryCount} entries exceed the limit of ${caps.maxEntries}`, file);
  }
  // Where the directory really starts, minus where it says it starts: the length of any prefix.
  const prefixLength = eocd - directorySize - directoryOffset;
  if (prefixLength < 0) fail("the central directory lies outside the file");

  const entries: ZipDirectoryEntry[] = [];
  const files = new Map<string, ZipDirectoryEntry>();
  let total = 0;
  let at = eocd - directorySize;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > eocd || buf.readUInt32LE(at) !== CENTRAL_SIGNATURE) fail(`bad central directory entry ${i}`);
    const madeBy = buf.readUInt16LE(at + 4);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const external = buf.readUInt32LE(at + 38);
    const localOffset = buf.readUInt32LE(at + 42) + prefixLength;
    if (at + 46 + nameLength > eocd) fail(`central directory entry ${i} runs past the directory`);
    const rawName = buf.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    const path = checkEntryName(rawName, file);
    const unixMode = madeBy >> 8 === UNIX_HOST ? (external >>> 16) & 0xffff : undefined;
    if (unixMode !== undefined && (unixMode & S_IFMT) === S_IFLNK) {
      throw new DitFileError("zip/symlink", `${file}: entry "${path}" is a symbolic link; DIT files must not contain links`, file);
    }
    const isDirectory = path.endsWith("/");
    if (!isDirectory) {
      if (files.has(path)) throw new DitFileError("zip/duplicate-entry", `${file}: entry "${path}" appears twice`, file);
      if ((flags & 1) !== 0) throw new DitFileError("zip/unsupported", `${file}: entry "${path}" is encrypted`, file);
      if (method !== 0 && method !== 8) {
        throw new DitFileError("zip/unsupported", `${file}: entry "${path}" uses compression method ${method}`, file);
      }
      if (size > caps.maxEntryBytes) {
        throw new DitFileError("zip/entry-too-large",
          `${file}: entry "${path}" is ${size} bytes uncompressed, over the limit of ${caps.maxEntryBytes}`, file);
      }
      total += size;
      if (total > caps.maxTotalBytes) {
        throw new DitFileError("zip/total-too-large", `${file}: the archive unpacks to more than the limit of ${caps.maxTotalBytes} bytes`, file);
      }
    }
    const entry: ZipDirectoryEntry = {
      path, isDirectory, size, compressedSize, method, crc32: crc,
      mode: unixMode === undefined || unixMode === 0 ? undefined : unixMode & 0o7777, localOffset,
    };
    entries.push(entry);
    if (!isDirectory) files.set(path, entry);
  }

  const read = (entry: ZipDirectoryEntry): Buffer => {
    const { path, localOffset } = entry;
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) fail(`bad local header for "${path}"`);
    const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (start + entry.compressedSize > buf.length) fail(`entry "${path}" runs past the end of the file`);
    const raw = buf.subarray(start, start + entry.compressedSize);
    const data = entry.method === 0 ? raw : inflate(raw, entry, file, caps.maxEntryBytes);
    if (data.length !== entry.size) fail(`entry "${path}" has ${data.length} bytes, the directory says ${entry.size}`);
    if (crc32(data) !== entry.crc32) fail(`entry "${path}" fails its CRC check`);
    return data;
  };
  const prefix = prefixLength > 0 ? buf.toString("utf8", 0, Math.min(prefixLength, 200)) : "";
  return { file, prefixLength, prefix, entries, files, read };
}

function findEndOfCentralDirectory(buf: Buffer): number | undefined {
  const earliest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= earliest; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIGNATURE && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) return i;
  }
  return undefined;
}

/** Rejects names that could escape an extraction directory or that no DIT producer writes. */
export function checkEntryName(rawName: string, file: string): string {
  if (rawName.includes("\\")) {
    throw new DitFileError("zip/bad-name", `${file}: entry "${rawName}" contains a backslash`, file);
  }
  if (rawName.startsWith("/") || /^[A-Za-z]:/.test(rawName)) {
    throw new DitFileError("zip/absolute-path", `${file}: entry "${rawName}" has an absolute path`, file);
  }
  const parts = rawName.split("/");
  if (parts.includes("..")) {
    throw new DitFileError("zip/path-traversal", `${file}: entry "${rawName}" contains ".." (zip slip)`, file);
  }
  if (rawName === "" || rawName.includes("\0") || parts.slice(0, -1).some((p) => p === "" || p === ".") || parts.at(-1) === ".") {
    throw new DitFileError("zip/bad-name", `${file}: entry name ${JSON.stringify(rawName)} is not a plain relative path`, file);
  }
  return rawName;
}

function inflate(raw: Buffer, entry: ZipDirectoryEntry, file: string, cap: number): Buffer {
  try {
    // The cap stops entries whose directory understates their real size (zip bombs).
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, Math.min(cap, entry.size + 1)) });
  } catch (cause) {
    if (cause instanceof RangeError) {
      throw new DitFileError("zip/entry-too-large", `${file}: entry "${entry.path}" inflates past its declared size`, file, { cause });
    }
    throw new DitFileError("zip/corrupt", `${file}: entry "${entry.path}" cannot be inflated`, file, { cause });
  }
}
