/** DALF bytes → verified package id + LF version + package AST. */
import { createHash } from "node:crypto";
import type { LfPackage, LfVersion } from "../ast/package.js";
import { DamlLfError } from "../errors.js";
import { ArchivePayloadType, ArchiveType, withDeepRecursion } from "../proto/root.js";
import { decodePackage } from "./decode-module.js";
import type { Raw } from "./raw.js";

export interface DecodedDalf {
  /** = the archive's hash = hex(sha256(payload)), verified. */
  readonly packageId: string;
  readonly lfVersion: LfVersion;
  readonly package: LfPackage;
  /** The DAR entry or file the package came from. */
  readonly file: string;
}

/** LF 1.x minor versions this decoder reads (all share one schema; fields are only ever added). */
export const supportedLfMinors: readonly string[] = ["6", "7", "8", "11", "12", "13", "14", "15", "17", "dev"];

function isSupportedMinor(minor: string): boolean {
  // 1.9, 1.10 and 1.16 were never released, but nothing in the schema would stop us reading them.
  return minor === "dev" || (/^\d+$/.test(minor) && Number(minor) >= 6 && Number(minor) <= 17);
}

export interface ArchiveParts {
  readonly hash: string;
  readonly payload: Uint8Array;
}

/** Decodes the outer Archive message and verifies the package id, without decoding the package itself. */
export function readArchive(bytes: Uint8Array, file: string): ArchiveParts {
  let archive: Raw;
  try {
    archive = ArchiveType.decode(bytes) as unknown as Raw;
  } catch (cause) {
    throw new DamlLfError("dalf/corrupt", `${file}: not a Daml-LF archive (${describe(cause)})`, { file, cause });
  }
  const hashFunction = typeof archive["hashFunction"] === "number" ? archive["hashFunction"] : 0;
  if (hashFunction !== 0) {
    throw new DamlLfError("dalf/unsupported-hash", `${file}: archive uses hash function ${hashFunction}; only SHA-256 is known`, { file });
  }
  const payload = archive["payload"];
  const hash = archive["hash"];
  if (!(payload instanceof Uint8Array) || payload.length === 0 || typeof hash !== "string" || hash === "") {
    throw new DamlLfError("dalf/corrupt", `${file}: not a Daml-LF archive (no payload or hash)`, { file });
  }
  const actual = createHash("sha256").update(payload).digest("hex");
  if (actual !== hash) {
    throw new DamlLfError(
      "dalf/hash-mismatch",
      `${file}: package hash mismatch: the archive claims ${hash} but its payload hashes to ${actual}; the file is corrupt or was tampered with`,
      { file },
    );
  }
  return { hash, payload };
}

export function decodeDalf(bytes: Uint8Array, file: string): DecodedDalf {
  const { hash, payload } = readArchive(bytes, file);
  const decoded = decodePayload(payload, file);
  return { packageId: hash, lfVersion: decoded.lfVersion, package: decoded.package, file };
}

function decodePayload(payload: Uint8Array, file: string): { lfVersion: LfVersion; package: LfPackage } {
  let raw: Raw;
  try {
    raw = withDeepRecursion(() => ArchivePayloadType.decode(payload) as unknown as Raw);
  } catch (cause) {
    throw new DamlLfError("dalf/corrupt", `${file}: the package payload is not valid protobuf (${describe(cause)})`, { file, cause });
  }
  const minor = typeof raw["minor"] === "string" ? raw["minor"] : "";
  if (raw["damlLf2"] instanceof Uint8Array && raw["damlLf2"].length > 0) {
    throw new DamlLfError(
      "lf/unsupported-version",
      `${file}: unsupported LF version 2.${minor || "?"}: this is a Daml 3.x package; only Daml-LF 1.x (Daml SDK 1.x and 2.x) is supported`,
      { file },
    );
  }
  const lf1 = raw["damlLf1"];
  if (lf1 === null || typeof lf1 !== "object") {
    throw new DamlLfError("dalf/corrupt", `${file}: the payload holds no Daml-LF package`, { file });
  }
  if (!isSupportedMinor(minor)) {
    throw new DamlLfError(
      "lf/unsupported-version",
      `${file}: unsupported LF version 1.${minor}; supported: ${supportedLfMinors.map((m) => `1.${m}`).join(", ")}`,
      { file },
    );
  }
  try {
    return { lfVersion: { major: 1, minor }, package: decodePackage(file, lf1 as Raw) };
  } catch (cause) {
    if (cause instanceof RangeError) {
      throw new DamlLfError("dalf/too-deep", `${file}: expressions nest too deeply to decode on this stack`, { file, cause });
    }
    throw cause;
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
