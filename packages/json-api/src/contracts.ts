// Contracts as the JSON API shows them: Ledger API CreatedEvents → `{contractId, templateId, key?, payload,
// signatories, observers, agreementText}` with LF-JSON payloads, and active-contract snapshots for query and fetch.
import { normalizeLfJson, templatePayloadType, type TemplateSummary } from "@dit/daml-lf";
import { apiRecordToJson, apiValueToJson, formatApiIdentifier, type ApiIdentifier, type LedgerApi, type ProtoObject } from "@dit/ledger-api";
import type { PackageCatalog } from "./catalog.js";

export interface ApiCreatedEvent {
  contractId: string;
  templateId: ApiIdentifier;
  contractKey?: ProtoObject;
  createArguments: ProtoObject;
  signatories?: string[];
  observers?: string[];
  agreementText?: { value?: string };
}

export interface ApiArchivedEvent {
  contractId: string;
  templateId: ApiIdentifier;
}

export interface ContractJson {
  contractId: string;
  templateId: string;
  key?: unknown;
  payload: unknown;
  signatories: string[];
  observers: string[];
  agreementText: string;
}

export async function contractJson(event: ApiCreatedEvent, catalog: PackageCatalog, token?: string): Promise<ContractJson> {
  const templateId = formatApiIdentifier(event.templateId);
  const template = await catalog.template(templateId, token);
  if (template === undefined) throw new Error(`the ledger returned a contract of unknown template ${templateId}`);
  const payloadType = templatePayloadType({ package: { kind: "imported", packageId: template.packageId }, module: template.moduleName, name: template.entityName });
  const key = event.contractKey !== undefined && template.keyType !== undefined
    ? { key: normalizeLfJson(apiValueToJson(event.contractKey), template.keyType, catalog.types, { path: "key" }) }
    : {};
  return {
    contractId: event.contractId,
    templateId,
    ...key,
    payload: normalizeLfJson(apiRecordToJson(event.createArguments), payloadType, catalog.types, { path: "payload" }),
    signatories: event.signatories ?? [],
    observers: event.observers ?? [],
    agreementText: event.agreementText?.value ?? "",
  };
}

/** A transaction filter: these parties, these templates (all templates when `templates` is undefined). */
export function transactionFilter(parties: readonly string[], templates: readonly TemplateSummary[] | undefined): ProtoObject {
  const filters = templates === undefined
    ? {}
    : { inclusive: { templateIds: templates.map((t) => ({ packageId: t.packageId, moduleName: t.moduleName, entityName: t.entityName })) } };
  return { filtersByParty: Object.fromEntries(parties.map((p) => [p, filters])) };
}

/** The active contracts the parties see, and the offset the snapshot is at ("" on an empty ledger). */
export async function activeContracts(
  api: LedgerApi,
  parties: readonly string[],
  templates: readonly TemplateSummary[] | undefined,
  token?: string,
): Promise<{ events: ApiCreatedEvent[]; offset: string }> {
  const events: ApiCreatedEvent[] = [];
  let offset = "";
  const stream = api.stream<{ offset?: string; activeContracts?: ApiCreatedEvent[] }>(
    "ActiveContractsService/GetActiveContracts",
    { ledgerId: api.ledgerId, filter: transactionFilter(parties, templates), verbose: true },
    token ? { token } : {},
  );
  for await (const page of stream) {
    events.push(...(page.activeContracts ?? []));
    if (page.offset) offset = page.offset;
  }
  // Several parties can see one contract: the snapshot lists it once.
  const seen = new Set<string>();
  return { events: events.filter((e) => !seen.has(e.contractId) && seen.add(e.contractId)), offset };
}
