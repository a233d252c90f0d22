/** DAR bytes → manifest + every DALF, each verified and decoded. */
import type { LfVersion } from "../ast/package.js";
import type { DecodedDalf } from "../decode/decode-archive.js";
import { decodeDalf } from "../decode/decode-archive.js";
import { DamlLfError } from "../errors.js";
import type { ZipEntry, ZipLimits } from "../zip/zip.js";
import { readZip } from "../zip/zip.js";
import type { DarManifest } from "./manifest.js";
import { MANIFEST_PATH, parseManifest } from "./manifest.js";

export interface ReadDarOptions {
  /** Shown in error messages; defaults to `"<dar>"`. */
  readonly fileName?: string;
  readonly limits?: ZipLimits;
}

export interface Dar {
  readonly fileName: string;
  readonly manifest: DarManifest;
  readonly main: DecodedDalf;
  /** Every package in the DAR, the main one included, by package id. */
  readonly packages: ReadonlyMap<string, DecodedDalf>;
  /** Other entries (sources, interface files, confs), path → bytes. */
  readonly otherFiles: ReadonlyMap<string, Uint8Array>;
}

export interface DarInfo {
  readonly mainPackageId: string;
  /** From the package metadata (LF ≥ 1.8), else from the manifest's `Name`. */
  readonly name: string | undefined;
  readonly version: string | undefined;
  readonly sdkVersion: string | undefined;
  readonly lfVersion: LfVersion;
  readonly dependencyPackageIds: readonly string[];
}

export function readDar(bytes: Uint8Array, options: ReadDarOptions = {}): Dar {
  const fileName = options.fileName ?? "<dar>";
  const entries = readZip(bytes, fileName, options.limits);
  const byPath = new Map<string, ZipEntry>(entries.map((e) => [e.path, e]));
  const manifestEntry = byPath.get(MANIFEST_PATH);
  if (manifestEntry === undefined) {
    throw new DamlLfError("dar/missing-manifest", `${fileName}: not a DAR: it has no ${MANIFEST_PATH}`, { file: fileName });
  }
  const manifest = parseManifest(Buffer.from(manifestEntry.data).toString("utf8"), `${fileName}!${MANIFEST_PATH}`);
  const packages = new Map<string, DecodedDalf>();
  let main: DecodedDalf | undefined;
  for (const path of manifest.dalfs) {
    const entry = byPath.get(path);
    if (entry === undefined) {
      throw new DamlLfError("dar/missing-dalf", `${fileName}: the manifest lists "${path}", which is not in the archive`, { file: fileName });
    }
    const dalf = decodeDalf(entry.data, `${fileName}!${path}`);
    packages.set(dalf.packageId, dalf);
    if (path === manifest.mainDalf) main = dalf;
  }
  if (main === undefined) {
    throw new DamlLfError("dar/missing-dalf", `${fileName}: Main-Dalf "${manifest.mainDalf}" is not in the archive`, { file: fileName });
  }
  const listed = new Set(manifest.dalfs);
  const otherFiles = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (!listed.has(entry.path) && entry.path !== MANIFEST_PATH) otherFiles.set(entry.path, entry.data);
  }
  return { fileName, manifest, main, packages, otherFiles };
}

/** What `dit pack` and `dit inspect` show about a DAR. */
export function darInfo(dar: Dar): DarInfo {
  const metadata = dar.main.package.metadata;
  return {
    mainPackageId: dar.main.packageId,
    name: metadata?.name ?? dar.manifest.name,
    version: metadata?.version,
    sdkVersion: dar.manifest.sdkVersion,
    lfVersion: dar.main.lfVersion,
    dependencyPackageIds: [...dar.packages.keys()].filter((id) => id !== dar.main.packageId),
  };
}
