// The Daml model an integration's `Mod:Ent` template names are qualified with, when the metadata has no daml_model:
// the main package of the first DAR in the integration directory or its .daml/dist (what `daml build` writes).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { darInfo, readDar } from "@dit/daml-lf";
import type { DamlModelInfo } from "@dit/meta";

/** The DARs of an integration project: at its root and in .daml/dist (what `daml build` writes), sorted by name. */
export function projectDars(dir: string): string[] {
  return [dir, join(dir, ".daml", "dist")].flatMap((folder) =>
    existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(".dar")).sort().map((f) => join(folder, f)) : []);
}

export function damlModelFromDar(dir: string): DamlModelInfo | null {
  const file = projectDars(dir)[0];
  if (file === undefined) return null;
  const name = basename(file);
  const info = darInfo(readDar(readFileSync(file), { fileName: name }));
  return { name: info.name ?? name, version: info.version ?? "0.0.0", main_package_id: info.mainPackageId };
}
