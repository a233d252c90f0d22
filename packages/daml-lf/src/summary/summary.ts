/** What integrations need to know about templates: ids, payload fields, choices and keys, per package or DAR. */
import { absoluteField, absoluteName, absoluteType, formatQualifiedName } from "../ast/type-utils.js";
import type { DefDataType, LfVersion } from "../ast/package.js";
import type { FieldWithType, LfType } from "../ast/types.js";
import type { Dar } from "../dar/read-dar.js";
import type { DecodedDalf } from "../decode/decode-archive.js";
import { DamlLfError } from "../errors.js";

export interface ChoiceSummary {
  readonly name: string;
  readonly consuming: boolean;
  readonly argumentType: LfType;
  readonly returnType: LfType;
}

export interface TemplateSummary {
  /** `pkgId:Module.Path:Entity`, as the JSON API expects it. */
  readonly templateId: string;
  readonly packageId: string;
  readonly moduleName: string;
  readonly entityName: string;
  /** Payload fields in declaration order; all types have `self` replaced by the package id. */
  readonly fields: readonly FieldWithType[];
  readonly choices: readonly ChoiceSummary[];
  readonly keyType: LfType | undefined;
  /** Template ids (`pkgId:Mod:Ent`) of implemented interfaces. */
  readonly implements: readonly string[];
}

export interface InterfaceSummary {
  readonly interfaceId: string;
  readonly choices: readonly ChoiceSummary[];
  readonly viewType: LfType | undefined;
}

export interface PackageSummary {
  readonly packageId: string;
  readonly name: string | undefined;
  readonly version: string | undefined;
  readonly lfVersion: LfVersion;
  readonly templates: readonly TemplateSummary[];
  readonly interfaces: readonly InterfaceSummary[];
}

export function formatTemplateId(packageId: string, moduleName: string, entityName: string): string {
  return `${packageId}:${moduleName}:${entityName}`;
}

/** Splits `pkgId:Mod:Ent` or `Mod:Ent`. */
export function parseTemplateId(id: string): { packageId: string | undefined; moduleName: string; entityName: string } {
  const parts = id.split(":");
  if (parts.length === 2 && parts[0] && parts[1]) return { packageId: undefined, moduleName: parts[0], entityName: parts[1] };
  if (parts.length === 3 && parts[0] && parts[1] && parts[2]) return { packageId: parts[0], moduleName: parts[1], entityName: parts[2] };
  throw new DamlLfError("lookup/not-found", `"${id}" is not a template id: expected "Module:Entity" or "packageId:Module:Entity"`);
}

export function summarizePackage(dalf: DecodedDalf): PackageSummary {
  const { packageId } = dalf;
  const templates: TemplateSummary[] = [];
  const interfaces: InterfaceSummary[] = [];
  for (const module of dalf.package.modules) {
    const records = new Map<string, DefDataType>(module.dataTypes.map((d) => [d.name, d]));
    const choiceSummary = (c: { name: string; consuming: boolean; argBinder: { type: LfType }; returnType: LfType }): ChoiceSummary => ({
      name: c.name,
      consuming: c.consuming,
      argumentType: absoluteType(c.argBinder.type, packageId),
      returnType: absoluteType(c.returnType, packageId),
    });
    for (const template of module.templates) {
      const payload = records.get(template.tycon);
      if (payload === undefined || payload.cons.kind !== "record") {
        throw new DamlLfError("lf/malformed", `${dalf.file}: template ${module.name}:${template.tycon} has no record type of the same name`, {
          file: dalf.file,
        });
      }
      templates.push({
        templateId: formatTemplateId(packageId, module.name, template.tycon),
        packageId,
        moduleName: module.name,
        entityName: template.tycon,
        fields: payload.cons.fields.map((f) => absoluteField(f, packageId)),
        choices: template.choices.map(choiceSummary),
        keyType: template.key === undefined ? undefined : absoluteType(template.key.type, packageId),
        implements: template.implements.map((i) => formatQualifiedName(absoluteName(i.interface, packageId))),
      });
    }
    for (const iface of module.interfaces) {
      interfaces.push({
        interfaceId: formatTemplateId(packageId, module.name, iface.tycon),
        choices: iface.choices.map(choiceSummary),
        viewType: iface.view === undefined ? undefined : absoluteType(iface.view, packageId),
      });
    }
  }
  const metadata = dalf.package.metadata;
  return { packageId, name: metadata?.name, version: metadata?.version, lfVersion: dalf.lfVersion, templates, interfaces };
}

export interface DarSummary {
  readonly main: PackageSummary;
  /** Every package, the main one first. */
  readonly packages: readonly PackageSummary[];
}

export function summarizeDar(dar: Dar): DarSummary {
  const main = summarizePackage(dar.main);
  const others = [...dar.packages.values()].filter((p) => p.packageId !== dar.main.packageId).map(summarizePackage);
  return { main, packages: [main, ...others] };
}

/**
 * Finds a template by `Mod:Ent` (or a full `pkgId:Mod:Ent`) in one package, a list of packages or a whole DAR.
 * A short id that matches templates in more than one package is an error listing the candidates.
 */
export function findTemplate(where: PackageSummary | DarSummary | readonly PackageSummary[], id: string): TemplateSummary {
  const packages: readonly PackageSummary[] = Array.isArray(where) ? where : "packages" in where ? where.packages : [where as PackageSummary];
  const wanted = parseTemplateId(id);
  const matches = packages
    .filter((p) => wanted.packageId === undefined || p.packageId === wanted.packageId)
    .flatMap((p) => p.templates)
    .filter((t) => t.moduleName === wanted.moduleName && t.entityName === wanted.entityName);
  const [first, ...rest] = matches;
  if (first === undefined) {
    const known = packages.flatMap((p) => p.templates).map((t) => `${t.moduleName}:${t.entityName}`);
    const hint = known.length === 0 ? "there are no templates" : `known templates: ${[...new Set(known)].slice(0, 20).join(", ")}`;
    throw new DamlLfError("lookup/not-found", `no template ${id}; ${hint}`);
  }
  if (rest.length > 0) {
    throw new DamlLfError(
      "lookup/ambiguous",
      `template ${id} is ambiguous: it exists in ${matches.length} packages (${matches.map((m) => m.templateId).join(", ")}); use a full "packageId:Module:Entity" id`,
    );
  }
  return first;
}
