/** A DIT file opened for reading: its hash, its zip directory and its embedded metadata text. */
import { createHash } from "node:crypto";
import { DitFileError } from "./errors.js";
import { type OpenedZip, openZip, type ZipDirectoryEntry, type ZipLimits } from "./zip-read.js";

export const DIT_META_ENTRY = "dit-meta.yaml";
export const DABL_META_ENTRY = "dabl-meta.yaml";

export interface OpenedDit {
  /** Hex sha256 of the whole file: the artifact hash Daml Hub shows. */
  readonly sha256: string;
  readonly size: number;
  readonly zip: OpenedZip;
  /** The entry the metadata is read from: dit-meta.yaml, else dabl-meta.yaml (the original tooling's search order). */
  readonly metadataEntry: string;
  readonly metadataText: string;
  /** Which of the two metadata names are present. */
  readonly metadataNames: readonly string[];
  /** False when both names are present with different content. */
  readonly metadataConsistent: boolean;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Opens DIT bytes (a plain zip or a PEX with a shebang prefix). Throws DitFileError when there is no metadata. */
export function openDit(bytes: Uint8Array, file: string, limits?: ZipLimits): OpenedDit {
  const zip = openZip(bytes, file, limits);
  const present = [DIT_META_ENTRY, DABL_META_ENTRY].filter((name) => zip.files.has(name));
  const first = present[0];
  if (first === undefined) {
    throw new DitFileError("dit/no-metadata", `${file}: not a DIT file: it has neither ${DIT_META_ENTRY} nor ${DABL_META_ENTRY} at its root`, file);
  }
  const texts = present.map((name) => zip.read(zip.files.get(name) as ZipDirectoryEntry).toString("utf8"));
  return {
    sha256: sha256Hex(bytes),
    size: bytes.byteLength,
    zip,
    metadataEntry: first,
    metadataText: texts[0] ?? "",
    metadataNames: present,
    metadataConsistent: texts.every((t) => t === texts[0]),
  };
}
