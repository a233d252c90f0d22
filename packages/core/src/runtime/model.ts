// The Daml model an integration's `Mod:Ent` template names are qualified with, when the metadata has no daml_model:
// the main package of the first DAR in the integration directory or its .daml/dist (what `daml build` writes).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { darInfo, readDar } from "@dit/daml-lf";
import type { DamlModelInfo } from "@dit/meta";

export function damlModelFromDar(dir: string): DamlModelInfo | null {
  for (const folder of [dir, join(dir, ".daml", "dist")]) {
    const dar = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(".dar")).sort()[0] : undefined;
    if (!dar) continue;
    const info = darInfo(readDar(readFileSync(join(folder, dar)), { fileName: dar }));
    return { name: info.name ?? dar, version: info.version ?? "0.0.0", main_package_id: info.mainPackageId };
  }
  return null;
}
