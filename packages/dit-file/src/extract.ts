/**
 * Safe extraction of a DIT into a cache directory keyed by the file's sha256, for `dit run FILE.dit`.
 * Names are checked by the zip reader (no `..`, no absolute paths, no links, size caps) and again against the
 * target directory; extraction goes to a temporary directory that is renamed into place, so a cache entry is
 * either complete or absent, and concurrent runs of the same file agree.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { sha256Hex } from "./dit.js";
import { DitFileError } from "./errors.js";
import { openZip, type ZipLimits } from "./zip-read.js";

export interface ExtractOptions {
  /** Size caps; defaults are the zip reader's (512 MiB an entry, 1 GiB in all, 100 000 entries). */
  readonly limits?: ZipLimits;
}

export interface ExtractedDit {
  /** `<cacheRoot>/<sha256>`: the extracted files, laid out as in the archive. */
  readonly dir: string;
  readonly sha256: string;
  /** True when the directory was already there from an earlier extraction. */
  readonly reused: boolean;
  /** File paths inside `dir`, in archive order. */
  readonly files: readonly string[];
}

/** Marks a complete extraction; written last, inside the temporary directory, before the rename. */
export const EXTRACTED_MARKER = ".dit-extracted.json";

export function extractDit(file: string, cacheRoot: string, options: ExtractOptions = {}): ExtractedDit {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? "unknown error";
    throw new DitFileError("io/unreadable", `cannot read ${file}: ${code}`, file, { cause });
  }
  const sha256 = sha256Hex(bytes);
  const root = resolve(cacheRoot);
  const dir = join(root, sha256);
  const marker = join(dir, EXTRACTED_MARKER);
  if (existsSync(marker)) {
    const recorded = JSON.parse(readFileSync(marker, "utf8")) as { files: string[] };
    return { dir, sha256, reused: true, files: recorded.files };
  }

  const zip = openZip(bytes, file, options.limits);
  mkdirSync(root, { recursive: true });
  const temp = join(root, `.tmp-${sha256.slice(0, 16)}-${process.pid}-${randomBytes(4).toString("hex")}`);
  const files: string[] = [];
  try {
    mkdirSync(temp);
    for (const entry of zip.entries) {
      const target = resolve(temp, entry.path);
      if (!target.startsWith(temp + sep)) {
        throw new DitFileError("zip/path-traversal", `${file}: entry "${entry.path}" would be written outside ${dir}`, file);
      }
      if (entry.path === EXTRACTED_MARKER) {
        throw new DitFileError("zip/bad-name", `${file}: entry "${entry.path}" has a name dit reserves`, file);
      }
      if (entry.isDirectory) {
        mkdirSync(target, { recursive: true });
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      // Modes are normalised: executable bits are kept, everything else is owner-writable and world-readable.
      const mode = entry.mode !== undefined && (entry.mode & 0o111) !== 0 ? 0o755 : 0o644;
      writeFileSync(target, zip.read(entry), { mode, flag: "wx" });
      files.push(entry.path);
    }
    writeFileSync(join(temp, EXTRACTED_MARKER), JSON.stringify({ sha256, source: resolve(file), files }) + "\n");
    // A directory without the marker is left over from outside dit (extractions are renamed in whole): replace it.
    if (existsSync(dir) && !existsSync(marker)) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(temp, dir);
    } catch (error) {
      // Another process finished the same extraction first: use its copy.
      if (!existsSync(marker)) throw error;
      rmSync(temp, { recursive: true, force: true });
      return { dir, sha256, reused: true, files };
    }
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  return { dir, sha256, reused: false, files };
}
