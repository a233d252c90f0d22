/** What `dit inspect FILE.dit` reports: the embedded metadata as stored, and every subdeployment's size and hash. */
import { type OpenedDit, sha256Hex, type ZipDirectoryEntry } from "@dit/dit-file";
import { type Diagnostic, type PackageMetadata, validateMetadataText } from "@dit/meta";
import { parse } from "yaml";
import { CATALOG_ORDER } from "./meta-yaml.js";

export interface DitSubdeploymentReport {
  name: string;
  /** null when the file is not in the DIT. */
  size: number | null;
  sha256: string | null;
  missing: boolean;
}

export interface DitIntegrationTypeReport {
  id: string;
  name: string;
  runtime: string | null;
  entrypoint: string | null;
  fields: { id: string; name: string; field_type: string; required: boolean; default_value: string | null }[];
}

export interface DitReport {
  kind: "dit";
  file: string;
  size: number;
  /** sha256 of the whole file. */
  artifactHash: string;
  /** "pex" when zip data follows a prefix (a Python integration: shebang line + zip). */
  format: "zip" | "pex";
  prefix: string | null;
  metadataFile: string;
  /** Both metadata names present with identical content (what Daml Hub and daml-dit-if each read). */
  metadataNames: string[];
  metadataConsistent: boolean;
  catalog: Record<string, unknown> | null;
  damlModel: { name: string; version: string; main_package_id: string } | null;
  integrationTypes: DitIntegrationTypeReport[];
  subdeployments: DitSubdeploymentReport[];
  iconFile: string | null;
  iconPresent: boolean | null;
  entryCount: number;
  diagnostics: Diagnostic[];
  /** No metadata errors, consistent metadata files, nothing missing. */
  ok: boolean;
}

const PACKED_KEYS = /^\/catalog\/experimental$|^\/(integration_types|integrations)\/\d+\/runtime$/;

export function ditReport(dit: OpenedDit, file: string): DitReport {
  const metaFile = `${file}!${dit.metadataEntry}`;
  const result = validateMetadataText(dit.metadataText, { file: metaFile });
  // The original tooling shows what it can parse; so do we, after reporting why it is not valid.
  const metadata: PackageMetadata = result.metadata ?? looseParse(dit.metadataText);
  // Packed metadata is normalised: `experimental` is always a bool and `runtime` is always set, so the warnings
  // meant for project sources (deprecated experimental, explicit runtime) say nothing about a DIT.
  const diagnostics = result.diagnostics.filter((d) => !(d.rule === "meta/deprecated" && PACKED_KEYS.test(d.path)));
  if (!dit.metadataConsistent) {
    diagnostics.push({ severity: "error", rule: "meta/duplicate-source", path: "", file,
      message: "dit-meta.yaml and dabl-meta.yaml differ; Daml Hub reads the first, daml-dit-if the second" });
  }
  const subdeployments = (Array.isArray(metadata.subdeployments) ? metadata.subdeployments : []).map((name) => {
    const entry = typeof name === "string" ? dit.zip.files.get(name) : undefined;
    return entry
      ? { name, ...hashed(dit, entry), missing: false }
      : { name: String(name), size: null, sha256: null, missing: true };
  });
  const catalog = isObject(metadata.catalog) ? orderCatalog(metadata.catalog) : null;
  const iconFile = typeof catalog?.icon_file === "string" ? catalog.icon_file : null;
  const iconPresent = iconFile === null ? null : dit.zip.files.has(iconFile);
  const types = [...(metadata.integration_types ?? []), ...(metadata.integrations ?? [])].filter(isObject);
  const model = isObject(metadata.daml_model) ? metadata.daml_model : null;
  const errors = diagnostics.some((d) => d.severity === "error");
  return {
    kind: "dit",
    file,
    size: dit.size,
    artifactHash: dit.sha256,
    format: dit.zip.prefixLength > 0 ? "pex" : "zip",
    prefix: dit.zip.prefixLength > 0 ? (dit.zip.prefix.split("\n")[0] ?? "") : null,
    metadataFile: dit.metadataEntry,
    metadataNames: [...dit.metadataNames],
    metadataConsistent: dit.metadataConsistent,
    catalog,
    damlModel: model ? { name: model.name, version: model.version, main_package_id: model.main_package_id } : null,
    integrationTypes: types.map((t) => ({
      id: t.id,
      name: t.name,
      runtime: t.runtime ?? null,
      entrypoint: t.entrypoint ?? null,
      fields: (Array.isArray(t.fields) ? t.fields : []).filter(isObject).map((f) => ({
        id: f.id, name: f.name, field_type: typeof f.field_type === "string" ? f.field_type.trim() : f.field_type,
        required: f.required ?? true, default_value: f.default_value ?? null,
      })),
    })),
    subdeployments,
    iconFile,
    iconPresent,
    entryCount: dit.zip.files.size,
    diagnostics,
    ok: !errors && !subdeployments.some((s) => s.missing) && iconPresent !== false,
  };
}

function hashed(dit: OpenedDit, entry: ZipDirectoryEntry): { size: number; sha256: string } {
  return { size: entry.size, sha256: sha256Hex(dit.zip.read(entry)) };
}

function looseParse(text: string): PackageMetadata {
  try {
    const value: unknown = parse(text, { version: "1.1" });
    return isObject(value) ? (value as PackageMetadata) : {};
  } catch {
    return {};
  }
}

function orderCatalog(catalog: object): Record<string, unknown> {
  const source = catalog as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const key of CATALOG_ORDER) if (key in source) ordered[key] = dateText(source[key]);
  for (const key of Object.keys(source)) if (!(key in ordered)) ordered[key] = dateText(source[key]);
  return ordered;
}

const dateText = (v: unknown): unknown => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

function isObject<T>(v: T): v is T & object & Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function formatDitReport(r: DitReport): string {
  const lines = [`Artifact hash:  ${r.artifactHash}`, `File:           ${r.file} (${r.size} bytes, ${r.entryCount} entries, ${r.format === "pex" ? `PEX: ${r.prefix}` : "zip"})`, ""];
  lines.push("Package Catalog:");
  if (r.catalog) for (const [k, v] of Object.entries(r.catalog)) lines.push(`   ${k} : ${display(v)}`);
  else lines.push("   (none)");
  lines.push("");
  if (r.damlModel) {
    lines.push("Daml Model:", `   Name/Version: ${r.damlModel.name}:${r.damlModel.version}`, `   Package ID: ${r.damlModel.main_package_id}`);
  } else {
    lines.push("No Daml model information present");
  }
  if (r.integrationTypes.length > 0) {
    lines.push("", "Integration Types:");
    for (const t of r.integrationTypes) {
      lines.push(`   ${t.id} - ${t.name}  (runtime: ${t.runtime ?? "none"}${t.entrypoint ? `, entrypoint: ${t.entrypoint}` : ""})`);
      for (const f of t.fields) {
        const extra = [f.required ? "" : "optional", f.default_value !== null ? `default ${JSON.stringify(f.default_value)}` : ""].filter(Boolean);
        lines.push(`      ${f.id}: ${f.field_type}${extra.length ? ` (${extra.join(", ")})` : ""}  ${f.name}`);
      }
    }
  }
  lines.push("");
  if (r.subdeployments.length === 0) lines.push("Subdeployments: None");
  else {
    lines.push("Subdeployments:");
    for (const s of r.subdeployments) lines.push(s.missing ? `   ${s.name} (MISSING)` : `   ${s.name} (${s.size} bytes, ${s.sha256})`);
  }
  if (r.iconFile !== null) lines.push("", `Icon: ${r.iconFile}${r.iconPresent ? "" : " (MISSING)"}`);
  return lines.join("\n") + "\n";
}

function display(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (Array.isArray(v)) return `[${v.map((x) => JSON.stringify(x)).join(", ")}]`;
  return typeof v === "string" ? v.trimEnd() : String(v);
}
