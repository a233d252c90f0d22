/** Package(s) → DAR bytes, laid out like damlc's: `<name>-<version>-<pkgId>/<...>.dalf` + manifest. */
import { writeZip } from "../zip/zip.js";
import type { EncodedDalf } from "../encode/encode-module.js";
import { formatManifest, MANIFEST_PATH } from "./manifest.js";

export interface WriteDarInput {
  readonly name: string;
  readonly version: string;
  readonly main: EncodedDalf;
  /** Dependency DALFs to bundle, with the file stem to use for each (e.g. `daml-prim`). */
  readonly dependencies?: readonly { readonly stem: string; readonly dalf: EncodedDalf }[];
  /** Written to `Sdk-Version`; ledgers do not check it. Default `"0.0.0"`. */
  readonly sdkVersion?: string;
}

export function writeDar(input: WriteDarInput): Uint8Array {
  const stem = `${input.name}-${input.version}-${input.main.packageId}`;
  const mainPath = `${stem}/${stem}.dalf`;
  const dependencies = (input.dependencies ?? []).map((d) => ({
    path: `${stem}/${d.stem}-${d.dalf.packageId}.dalf`,
    data: d.dalf.bytes,
  }));
  const manifest = formatManifest({
    name: `${input.name}-${input.version}`,
    sdkVersion: input.sdkVersion ?? "0.0.0",
    mainDalf: mainPath,
    dalfs: [mainPath, ...dependencies.map((d) => d.path)],
  });
  return writeZip([
    { path: MANIFEST_PATH, data: new TextEncoder().encode(manifest) },
    { path: mainPath, data: input.main.bytes },
    ...dependencies,
  ]);
}
