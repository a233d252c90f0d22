/**
 * A deterministic zip writer: entries sorted by name, one fixed timestamp, fixed modes, no extra fields, so equal
 * inputs give byte-identical archives on every machine and in every time zone.
 */
import { crc32, deflateRawSync } from "node:zlib";
import { DitFileError } from "./errors.js";

export interface ZipFileInput {
  /** Path inside the archive, `/`-separated, relative. */
  readonly path: string;
  readonly data: Uint8Array;
  /** Unix permission bits; default 0o644. */
  readonly mode?: number;
}

export interface WriteZipOptions {
  /** The timestamp of every entry, in seconds since the Unix epoch (UTC). Default: 1980-01-01T00:00:00Z. */
  readonly mtime?: number;
  /** Text written before the zip data (offsets stay relative to the zip, as Python's zipfile expects). */
  readonly prefix?: string;
}

/** 1980-01-01T00:00:00Z, the earliest time a zip entry can carry. */
export const ZIP_EPOCH_SECONDS = 315_532_800;

/** Extensions of formats that are already compressed: stored as they are, which is faster and no larger. */
const COMPRESSED = /\.(dar|dit|zip|jar|whl|pex|gz|tgz|bz2|xz|zst|7z|png|jpe?g|gif|webp|woff2?|mp4|pdf)$/i;

export function writeZip(files: readonly ZipFileInput[], options: WriteZipOptions = {}): Buffer {
  const sorted = [...files].sort((a, b) => compareNames(a.path, b.path));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.path === sorted[i - 1]?.path) {
      throw new DitFileError("zip/duplicate-entry", `cannot write "${sorted[i]?.path}" twice into one archive`);
    }
  }
  if (sorted.length >= 0xffff) throw new DitFileError("zip/unsupported", `${sorted.length} entries need ZIP64, which is not supported`);
  const { date, time } = dosDateTime(options.mtime ?? ZIP_EPOCH_SECONDS);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of sorted) {
    const name = Buffer.from(file.path, "utf8");
    const data = Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength);
    const deflated = COMPRESSED.test(file.path) || data.length < 64 ? undefined : deflateRawSync(data, { level: 6 });
    const useDeflate = deflated !== undefined && deflated.length < data.length;
    const body = useDeflate ? deflated : data;
    const crc = crc32(data);
    if (data.length >= 0xffffffff || offset + body.length >= 0xffffffff) {
      throw new DitFileError("zip/unsupported", `"${file.path}" makes the archive larger than 4 GiB, which needs ZIP64 (not supported)`);
    }
    const method = useDeflate ? 8 : 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by: Unix, zip 2.0 (so the mode below is read)
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((((0o100000 | ((file.mode ?? 0o644) & 0o777)) << 16) >>> 0), 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directorySize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  const prefix = options.prefix ? [Buffer.from(options.prefix, "utf8")] : [];
  return Buffer.concat([...prefix, ...locals, ...centrals, end]);
}

/** Byte order of the UTF-8 names (independent of locale). */
function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** MS-DOS date and time of a Unix time, in UTC; clamped to 1980-01-01 … 2107-12-31, 2-second resolution. */
export function dosDateTime(epochSeconds: number): { date: number; time: number } {
  const clamped = Math.min(Math.max(epochSeconds, ZIP_EPOCH_SECONDS), 4_354_819_198);
  const d = new Date(clamped * 1000);
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}
