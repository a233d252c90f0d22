/** What `dit inspect FILE.dar` reports, and how `dit pack` reads a model DAR: all with @dit/daml-lf, no SDK. */
import { type Dar, darInfo, formatType, isDamlLfError, readDar, summarizeDar, type TemplateSummary } from "@dit/daml-lf";
import { sha256Hex } from "@dit/dit-file";
import { DitError } from "../errors.js";

export interface DarTemplateReport {
  templateId: string;
  module: string;
  entity: string;
  fields: { name: string; type: string }[];
  choices: { name: string; consuming: boolean; argumentType: string; returnType: string }[];
  keyType: string | null;
  implements: string[];
}

export interface DarPackageReport {
  packageId: string;
  name: string | null;
  version: string | null;
  lfVersion: string;
  templateCount: number;
}

export interface DarReport {
  kind: "dar";
  file: string;
  size: number;
  sha256: string;
  mainPackageId: string;
  name: string | null;
  version: string | null;
  sdkVersion: string | null;
  lfVersion: string;
  dependencies: DarPackageReport[];
  templates: DarTemplateReport[];
}

/**
 * Reads and verifies a DAR (every package id is checked against its payload). Failures are DitErrors:
 * `dar/corrupt` for bytes that are not a readable DAR, `dar/invalid` for a DAR whose content does not verify.
 */
export function loadDar(bytes: Uint8Array, file: string): Dar {
  try {
    return readDar(bytes, { fileName: file });
  } catch (error) {
    if (!isDamlLfError(error)) throw error;
    if (error.code === "dalf/hash-mismatch") {
      throw new DitError("dar/package-id-mismatch", `${error.message}`, {
        hint: "the DAR was modified after it was built; rebuild it with `daml build`",
      });
    }
    const unreadable = error.code.startsWith("zip/") || error.code === "dar/missing-manifest";
    throw new DitError(unreadable ? "dar/corrupt" : "dar/invalid", `cannot read DAR ${file}: ${error.message}`, {
      hint: unreadable ? "is it a DAR built by `daml build`?" : undefined,
    });
  }
}

const lfVersionText = (v: { major: number; minor: string }) => `${v.major}.${v.minor}`;

export function darReport(dar: Dar, bytes: Uint8Array, file: string): DarReport {
  const info = darInfo(dar);
  const summary = summarizeDar(dar);
  return {
    kind: "dar",
    file,
    size: bytes.byteLength,
    sha256: sha256Hex(bytes),
    mainPackageId: info.mainPackageId,
    name: info.name ?? null,
    version: info.version ?? null,
    sdkVersion: info.sdkVersion ?? null,
    lfVersion: lfVersionText(info.lfVersion),
    dependencies: summary.packages
      .filter((p) => p.packageId !== info.mainPackageId)
      .map((p) => ({
        packageId: p.packageId, name: p.name ?? null, version: p.version ?? null,
        lfVersion: lfVersionText(p.lfVersion), templateCount: p.templates.length,
      })),
    templates: summary.main.templates.map(templateReport),
  };
}

function templateReport(t: TemplateSummary): DarTemplateReport {
  return {
    templateId: t.templateId,
    module: t.moduleName,
    entity: t.entityName,
    fields: t.fields.map((f) => ({ name: f.name, type: formatType(f.type) })),
    choices: t.choices.map((c) => ({
      name: c.name, consuming: c.consuming, argumentType: formatType(c.argumentType), returnType: formatType(c.returnType),
    })),
    keyType: t.keyType ? formatType(t.keyType) : null,
    implements: [...t.implements],
  };
}

export function formatDarReport(r: DarReport): string {
  const lines = [
    `DAR:            ${r.file}`,
    `Size:           ${r.size} bytes`,
    `sha256:         ${r.sha256}`,
    `Main package:   ${r.mainPackageId}`,
    `Name/Version:   ${r.name ?? "(unknown)"}:${r.version ?? "(unknown)"}`,
    `SDK version:    ${r.sdkVersion ?? "(unknown)"}`,
    `LF version:     ${r.lfVersion}`,
    "",
    r.dependencies.length === 0 ? "Dependencies: none" : `Dependencies (${r.dependencies.length}):`,
    ...r.dependencies.map((d) => `   ${d.packageId}  ${d.name ?? "?"}${d.version ? `-${d.version}` : ""} (LF ${d.lfVersion})`),
    "",
    r.templates.length === 0 ? "Templates: none" : `Templates (${r.templates.length}):`,
  ];
  for (const t of r.templates) {
    lines.push(`   ${t.module}:${t.entity}${t.keyType ? `  key: ${t.keyType}` : ""}`);
    for (const f of t.fields) lines.push(`      ${f.name}: ${f.type}`);
    for (const c of t.choices) {
      lines.push(`      choice ${c.name}${c.consuming ? "" : " (nonconsuming)"}: ${c.argumentType} -> ${c.returnType}`);
    }
    if (t.implements.length > 0) lines.push(`      implements ${t.implements.join(", ")}`);
  }
  return lines.join("\n") + "\n";
}

