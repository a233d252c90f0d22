import { existsSync, statSync } from "node:fs";
import { basename, join } from "node:path";

export const DIT_META_NAME = "dit-meta.yaml";
export const DABL_META_NAME = "dabl-meta.yaml";
/** In the order the original tooling searches them. */
export const DIT_META_NAMES = [DIT_META_NAME, DABL_META_NAME] as const;
export const DAML_YAML_NAME = "daml.yaml";
export const DIT_META_KEY = "dit-meta";
export const INT_ARGS_NAME = "int_args.yaml";

/** Where a project's metadata may live: a metadata file, or the `dit-meta` key of daml.yaml. */
export interface MetadataLocation {
  file: string;
  /** Set when the metadata is the `dit-meta` key inside daml.yaml. */
  embeddedKey?: typeof DIT_META_KEY;
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The metadata files present in a project directory, in search order (daml.yaml only if it has the key). */
export function metadataFilesIn(dir: string): MetadataLocation[] {
  const found: MetadataLocation[] = [];
  const damlYaml = join(dir, DAML_YAML_NAME);
  if (existsSync(damlYaml)) found.push({ file: damlYaml, embeddedKey: DIT_META_KEY });
  for (const name of DIT_META_NAMES) {
    const file = join(dir, name);
    if (existsSync(file)) found.push({ file });
  }
  return found;
}

/** A path names daml.yaml when its file name does; its metadata is then under the `dit-meta` key. */
export function locationOfFile(file: string): MetadataLocation {
  return basename(file) === DAML_YAML_NAME ? { file, embeddedKey: DIT_META_KEY } : { file };
}
