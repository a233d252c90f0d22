// @daml/types Template objects without codegen (ledger-protocol.md §1.9–1.10). Decoders accept the server's
// LF-JSON as is; with the ledger's packages known, payloads and arguments are encoded by the @dit/daml-lf codec
// (so `amount: 1` goes out as "1.0", and a wrong field fails here with its path). Every template is registered in
// @daml/types' global registry, without which @daml/ledger decodes exercise events to `{}` (issue #15042).
import * as jtv from "@mojotech/json-type-validation";
import { type Choice, registerTemplate, type Template } from "@daml/types";
import { normalizeLfJson, parseTemplateId, templatePayloadType } from "@dit/daml-lf";
import type { PackageCatalog } from "./package-catalog.js";

export type DynamicTemplate = Template<Record<string, unknown>, unknown, string>;
type DynamicChoice = Choice<Record<string, unknown>, unknown, unknown, unknown>;

const registered = new Set<string>();

/** registerTemplate logs every registration with console.debug (to stdout); that is noise in `dit run`'s output. */
function quietly(run: () => void): void {
  const debug = console.debug;
  console.debug = () => {};
  try {
    run();
  } finally {
    console.debug = debug;
  }
}

export class TemplateCache {
  private readonly templates = new Map<string, DynamicTemplate>();
  private readonly choices = new Map<string, DynamicChoice>();

  constructor(private catalog: PackageCatalog | undefined = undefined) {}

  useCatalog(catalog: PackageCatalog): void {
    this.catalog = catalog;
  }

  template(templateId: string): DynamicTemplate {
    let template = this.templates.get(templateId);
    if (!template) {
      template = this.build(templateId);
      this.templates.set(templateId, template);
      // The registry is global to @daml/types; register each id once.
      if (!registered.has(templateId)) quietly(() => registerTemplate(template as Template<object>));
      registered.add(templateId);
    }
    return template;
  }

  choice(templateId: string, choiceName: string): DynamicChoice {
    const id = `${templateId}#${choiceName}`;
    let choice = this.choices.get(id);
    if (!choice) {
      const template = this.template(templateId);
      const summary = this.catalog?.templates.get(templateId)?.choices.find((c) => c.name === choiceName);
      const types = this.catalog?.types;
      choice = {
        template: () => template,
        choiceName,
        argumentDecoder: jtv.unknownJson(),
        argumentEncode: summary && types ? (a: unknown) => normalizeLfJson(a, summary.argumentType, types, { path: "argument" }) : (a: unknown) => a,
        resultDecoder: jtv.unknownJson(),
      } as DynamicChoice;
      this.choices.set(id, choice);
    }
    return choice;
  }

  private build(templateId: string): DynamicTemplate {
    const summary = this.catalog?.templates.get(templateId);
    const types = this.catalog?.types;
    const encodePayload = summary && types
      ? (p: unknown) => {
        const { moduleName, entityName } = parseTemplateId(templateId);
        const type = templatePayloadType({ package: { kind: "imported", packageId: summary.packageId }, module: moduleName, name: entityName });
        return normalizeLfJson(p, type, types, { path: "payload" });
      }
      : (p: unknown) => p;
    const keyType = summary?.keyType;
    const template = {
      templateId,
      sdkVersion: "2.10.4",
      decoder: jtv.unknownJson() as jtv.Decoder<Record<string, unknown>>,
      encode: encodePayload,
      keyDecoder: jtv.unknownJson(),
      keyEncode: keyType && types ? (k: unknown) => normalizeLfJson(k, keyType, types, { path: "key" }) : (k: unknown) => k,
    } as unknown as DynamicTemplate;
    (template as unknown as { Archive: DynamicChoice }).Archive = {
      template: () => template, choiceName: "Archive", argumentDecoder: jtv.unknownJson(), argumentEncode: (a: unknown) => a,
      resultDecoder: jtv.unknownJson(),
    } as DynamicChoice;
    return template;
  }
}
