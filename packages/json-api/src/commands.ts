// Commands: /v1/create, /v1/exercise (by contract id or key), /v1/create-and-exercise. The LF-JSON payload and
// argument are decoded against the template's types, submitted with the CommandService, and the result is shaped
// as the JSON API returns it: created event, or {exerciseResult, events, completionOffset}.
import { randomUUID } from "node:crypto";
import { decodeLfJson, normalizeLfJson, templatePayloadType, type ChoiceSummary, type TemplateSummary } from "@dit/daml-lf";
import { apiValueToJson, formatApiIdentifier, lfRecordToApi, lfValueToApi, type LedgerApi, type ProtoObject } from "@dit/ledger-api";
import type { PackageCatalog } from "./catalog.js";
import { contractJson, type ApiArchivedEvent, type ApiCreatedEvent, type ContractJson } from "./contracts.js";
import { badRequest } from "./errors.js";
import { actingParties, type TokenClaims } from "./tokens.js";

export interface CommandMeta {
  commandId?: string;
  actAs?: string[];
  readAs?: string[];
  workflowId?: string;
}

export interface CommandContext {
  api: LedgerApi;
  catalog: PackageCatalog;
  claims: TokenClaims;
}

type EventJson = { created: ContractJson } | { archived: { contractId: string; templateId: string } };

export async function resolveTemplate(ctx: CommandContext, id: unknown, path = "templateId"): Promise<TemplateSummary> {
  if (typeof id !== "string") throw badRequest(`${path}: expected a template id string`);
  const template = await ctx.catalog.template(id, ctx.claims.token);
  if (template === undefined) throw badRequest(`${path}: Cannot resolve template ID, given: ${id}`);
  return template;
}

const payloadTypeOf = (t: TemplateSummary) =>
  templatePayloadType({ package: { kind: "imported", packageId: t.packageId }, module: t.moduleName, name: t.entityName });
const apiTemplateId = (t: TemplateSummary) => ({ packageId: t.packageId, moduleName: t.moduleName, entityName: t.entityName });

function choiceOf(template: TemplateSummary, name: unknown): ChoiceSummary {
  const choice = template.choices.find((c) => c.name === name);
  if (choice === undefined) throw badRequest(`choice: template ${template.templateId} has no choice ${JSON.stringify(name)}`);
  return choice;
}

export async function create(ctx: CommandContext, body: Record<string, unknown>): Promise<unknown> {
  const template = await resolveTemplate(ctx, body.templateId);
  const payload = decodeLfJson(body.payload, payloadTypeOf(template), ctx.catalog.types, { path: "payload" });
  const response = await submit(ctx, "SubmitAndWaitForTransaction", { create: { templateId: apiTemplateId(template), createArguments: lfRecordToApi(payload) } }, body.meta);
  const transaction = response.transaction as { offset: string; events?: Array<{ created?: ApiCreatedEvent }> };
  const created = transaction.events?.find((e) => e.created)?.created;
  if (created === undefined) throw new Error("the ledger's transaction for a create has no created event");
  return { ...(await contractJson(created, ctx.catalog, ctx.claims.token)), completionOffset: transaction.offset };
}

export async function exercise(ctx: CommandContext, body: Record<string, unknown>): Promise<unknown> {
  const template = await resolveTemplate(ctx, body.templateId);
  const choice = choiceOf(template, body.choice);
  const argument = lfValueToApi(decodeLfJson(body.argument, choice.argumentType, ctx.catalog.types, { path: "argument" }));
  let command: ProtoObject;
  if (body.key !== undefined) {
    if (template.keyType === undefined) throw badRequest(`key: template ${template.templateId} has no key`);
    const key = lfValueToApi(decodeLfJson(body.key, template.keyType, ctx.catalog.types, { path: "key" }));
    command = { exerciseByKey: { templateId: apiTemplateId(template), contractKey: key, choice: choice.name, choiceArgument: argument } };
  } else {
    if (typeof body.contractId !== "string") throw badRequest("contractId: expected a contract id string (or give key)");
    command = { exercise: { templateId: apiTemplateId(template), contractId: body.contractId, choice: choice.name, choiceArgument: argument } };
  }
  return exerciseResult(ctx, choice, await submit(ctx, "SubmitAndWaitForTransactionTree", command, body.meta));
}

export async function createAndExercise(ctx: CommandContext, body: Record<string, unknown>): Promise<unknown> {
  const template = await resolveTemplate(ctx, body.templateId);
  const choice = choiceOf(template, body.choice);
  const payload = decodeLfJson(body.payload, payloadTypeOf(template), ctx.catalog.types, { path: "payload" });
  const argument = decodeLfJson(body.argument, choice.argumentType, ctx.catalog.types, { path: "argument" });
  const command = { createAndExercise: { templateId: apiTemplateId(template), createArguments: lfRecordToApi(payload), choice: choice.name, choiceArgument: lfValueToApi(argument) } };
  return exerciseResult(ctx, choice, await submit(ctx, "SubmitAndWaitForTransactionTree", command, body.meta));
}

interface TreeEvent {
  created?: ApiCreatedEvent;
  exercised?: ApiArchivedEvent & { consuming?: boolean; childEventIds?: string[]; exerciseResult?: ProtoObject };
}

/** The exercise's result and the tree's creates and consuming exercises, in ledger (pre-)order. */
async function exerciseResult(ctx: CommandContext, choice: ChoiceSummary, response: ProtoObject): Promise<unknown> {
  const tree = response.transaction as { offset: string; rootEventIds?: string[]; eventsById?: Record<string, TreeEvent> };
  const byId = tree.eventsById ?? {};
  const events: EventJson[] = [];
  let result: unknown;
  const visit = async (id: string) => {
    const event = byId[id];
    if (event?.created) events.push({ created: await contractJson(event.created, ctx.catalog, ctx.claims.token) });
    if (event?.exercised) {
      const ex = event.exercised;
      if (ex.consuming) events.push({ archived: { contractId: ex.contractId, templateId: formatApiIdentifier(ex.templateId) } });
      for (const child of ex.childEventIds ?? []) await visit(child);
    }
  };
  const roots = tree.rootEventIds ?? [];
  const root = roots.map((id) => byId[id]).find((e) => e?.exercised)?.exercised;
  if (root?.exerciseResult !== undefined) result = normalizeLfJson(apiValueToJson(root.exerciseResult), choice.returnType, ctx.catalog.types, { path: "exerciseResult" });
  for (const id of roots) await visit(id);
  return { exerciseResult: result ?? {}, events, completionOffset: tree.offset };
}

async function submit(ctx: CommandContext, method: string, command: ProtoObject, meta: unknown): Promise<ProtoObject> {
  const m = (typeof meta === "object" && meta !== null ? meta : {}) as CommandMeta;
  const actAs = actingParties(ctx.claims, m.actAs);
  const commands = {
    ledgerId: ctx.api.ledgerId,
    applicationId: ctx.claims.applicationId,
    commandId: m.commandId ?? randomUUID(),
    ...(m.workflowId ? { workflowId: m.workflowId } : {}),
    party: actAs[0],
    actAs,
    readAs: m.readAs ?? ctx.claims.readAs,
    commands: [command],
  };
  return ctx.api.unary(`CommandService/${method}`, { commands }, { token: ctx.claims.token });
}
