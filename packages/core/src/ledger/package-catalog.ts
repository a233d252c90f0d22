// The templates the ledger knows, from its packages (GET /v1/packages and each DALF, decoded with @dit/daml-lf):
// needed to expand `*` and `pkg:*` into the concrete template ids a JSON API stream requires, and for typed
// encoding of payloads (dynamic-templates.ts).
import { decodeDalf, LfTypeIndex, summarizePackage, type TemplateSummary } from "@dit/daml-lf";
import type { Log } from "../runtime/log.js";
import type { LedgerClient } from "./types.js";

export interface PackageCatalog {
  readonly templates: ReadonlyMap<string, TemplateSummary>;
  readonly types: LfTypeIndex;
}

export async function loadPackageCatalog(client: LedgerClient, log: Log): Promise<PackageCatalog> {
  const templates = new Map<string, TemplateSummary>();
  const types = new LfTypeIndex();
  for (const packageId of await client.listPackages()) {
    try {
      const dalf = decodeDalf(await client.getPackage(packageId), `package ${packageId}`);
      types.add(dalf.packageId, dalf.package);
      for (const t of summarizePackage(dalf).templates) templates.set(t.templateId, t);
    } catch (error) {
      // An undecodable package (e.g. LF 2) only matters if a registration names its templates.
      log.warn(`package ${packageId} skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { templates, types };
}

/** Concrete template ids for the registrations' patterns (`*`, `pkg:*`, or full ids, kept even if unknown). */
export function expandPatterns(patterns: readonly string[], catalog: PackageCatalog | undefined): string[] {
  const ids = new Set<string>();
  for (const pattern of patterns) {
    if (pattern === "*") for (const id of catalog?.templates.keys() ?? []) ids.add(id);
    else if (pattern.endsWith(":*")) {
      const prefix = pattern.slice(0, -1);
      for (const id of catalog?.templates.keys() ?? []) if (id.startsWith(prefix)) ids.add(id);
    } else ids.add(pattern);
  }
  return [...ids].sort();
}

export const needsCatalog = (patterns: readonly string[]): boolean => patterns.some((p) => p === "*" || p.endsWith(":*"));
