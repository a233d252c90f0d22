/**
 * `dit pack` as a library: project directory → reproducible DIT bytes. Metadata is validated by @dit/meta before
 * anything else; the DAR is read by @dit/daml-lf; integrations are bundled by esbuild; the zip is @dit/dit-file's
 * deterministic writer (sorted entries, one timestamp, fixed modes).
 */
import { darInfo } from "@dit/daml-lf";
import { DABL_META_ENTRY, DIT_META_ENTRY, writeZip, ZIP_EPOCH_SECONDS, type ZipFileInput } from "@dit/dit-file";
import type { IntegrationTypeInfo, PackageMetadata } from "@dit/meta";
import { DitError, EXIT } from "../../errors.js";
import { parseSymbol } from "@dit/core";
import { NODE_RUNTIME } from "../host-modules.js";
import { metadataToYaml } from "../meta-yaml.js";
import { bundleModules } from "./bundle.js";
import { collect, type ModelDar } from "./collect.js";

export interface PackInput {
  projectDir: string;
  cwd: string;
  /** Normalised project metadata (validated). */
  metadata: PackageMetadata;
  dar?: string | undefined;
  subdeployments: readonly string[];
  /** Seconds since the epoch for every zip entry, and (UTC date) the release_date. */
  sourceDateEpoch?: number | undefined;
  /** `YYYY-MM-DD` or `today` (--release-date); wins over SOURCE_DATE_EPOCH and the metadata's own value. */
  releaseDate?: string | undefined;
}

export interface Packed {
  bytes: Buffer;
  metadata: PackageMetadata;
  metadataYaml: string;
  entries: string[];
  /** Bundled module files (integrations), for the self-check: [DIT path of the bundle, symbol, what]. */
  loadChecks: { path: string; symbol: string; what: string }[];
  dar: ModelDar | undefined;
  warnings: string[];
}

export async function pack(input: PackInput): Promise<Packed> {
  const collected = collect(input.metadata, {
    projectDir: input.projectDir, cwd: input.cwd, dar: input.dar, subdeployments: input.subdeployments,
  });
  const { dar } = collected;
  const info = dar ? darInfo(dar.dar) : undefined;
  const catalog = input.metadata.catalog;
  if (!catalog) throw new DitError("pack/no-catalog", "the metadata has no catalog; dit pack needs catalog.name and catalog.version");

  const types = input.metadata.integration_types ?? [];
  const files: ZipFileInput[] = [...collected.files].map(([path, f]) => ({ path, data: f.data }));
  const loadChecks: Packed["loadChecks"] = [];
  let packedTypes: IntegrationTypeInfo[] = [];
  const warnings = [...collected.warnings];
  if (types.length > 0) {
    if (!info) warnings.push("an integration without a Daml model cannot subscribe to unqualified template names; give the DAR with --dar, a daml.yaml, or put it in the project");
    const modules = types.flatMap((t) => [t.entrypoint, ...(t.env_class ? [t.env_class] : [])]).map(moduleOf);
    const bundled = await bundleModules(input.projectDir, modules);
    for (const file of bundled.files) {
      if (collected.files.has(file.path)) throw new DitError("pack/duplicate-entry", `"${file.path}" is both a bundle and a packed file`);
      files.push(file);
    }
    const rewrite = (value: string, what: string) => {
      const { module, name: symbol } = parseSymbol(value);
      const path = bundled.bundles.get(module) ?? module;
      loadChecks.push({ path, symbol, what });
      return `${path}:${symbol}`;
    };
    packedTypes = types.map((t) => ({
      ...t,
      entrypoint: rewrite(t.entrypoint, `integration type ${t.id}: entrypoint ${t.entrypoint}`),
      env_class: t.env_class ? rewrite(t.env_class, `integration type ${t.id}: env_class ${t.env_class}`) : null,
      runtime: NODE_RUNTIME,
      instance_template: qualify(t, info?.mainPackageId),
    }));
  }

  const metadata: PackageMetadata = {
    catalog: { ...catalog, release_date: releaseDate(input, catalog.release_date) },
    subdeployments: collected.subdeployments,
    daml_model: info && dar
      ? { name: info.name ?? catalog.name, version: info.version ?? catalog.version, main_package_id: info.mainPackageId }
      : null,
    integration_types: packedTypes,
    integrations: null,
  };
  const metadataYaml = metadataToYaml(metadata);
  const yamlBytes = Buffer.from(metadataYaml, "utf8");
  files.push({ path: DIT_META_ENTRY, data: yamlBytes }, { path: DABL_META_ENTRY, data: yamlBytes });
  const bytes = writeZip(files, { mtime: input.sourceDateEpoch ?? ZIP_EPOCH_SECONDS });
  return { bytes, metadata, metadataYaml, entries: files.map((f) => f.path).sort(), loadChecks, dar, warnings };
}

/** The metadata was validated (meta/entrypoint-format), so every value has the form module:symbol. */
function moduleOf(value: string): string {
  return parseSymbol(value).module;
}

/** `Mod:Ent` → `pkgId:Mod:Ent` with the model's main package id, as the original tooling does. */
function qualify(type: IntegrationTypeInfo, mainPackageId: string | undefined): string | null {
  const value = type.instance_template?.trim();
  if (!value) return null;
  if (value.split(":").length === 3) return value;
  if (!mainPackageId) {
    throw new DitError("pack/instance-template", `integration type ${type.id}: instance_template "${value}" needs the Daml model's package id, but there is no model DAR`, {
      hint: "give the DAR with --dar, or write the template id as packageId:Module:Entity",
    });
  }
  return `${mainPackageId}:${value}`;
}

function releaseDate(input: PackInput, fromMetadata: string | null | undefined): string | null {
  if (input.releaseDate !== undefined) {
    if (input.releaseDate === "today") return new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.releaseDate) || Number.isNaN(Date.parse(input.releaseDate))) {
      throw new DitError("pack/release-date", `--release-date ${input.releaseDate} is not a date: write YYYY-MM-DD or today`, { exitCode: EXIT.usage });
    }
    return input.releaseDate;
  }
  if (input.sourceDateEpoch !== undefined) return new Date(input.sourceDateEpoch * 1000).toISOString().slice(0, 10);
  return fromMetadata ? fromMetadata.slice(0, 10) : null;
}
