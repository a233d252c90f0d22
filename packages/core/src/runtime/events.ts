// The registration API an entrypoint receives (`IntegrationEvents`). Registration is synchronous and only allowed
// while the entrypoint runs; each call adds its status row at once, as the original's decorator factories did.
import type { DamlModelInfo } from "@dit/meta";
import type { Template } from "@daml/types";
import { AuthLevel, type WebhookRequest } from "../contract.js";
import { idOf, type TemplateRef } from "./commands.js";
import { RuntimeError } from "./errors.js";
import type { HandlerResult, WebhookResult } from "./responses.js";
import { HandlerRow, LedgerRow, type StatusBoard, WebhookRow } from "./status.js";
import { type ContractMatch, qualifyTemplateId } from "./templates.js";

export type Payload = Record<string, unknown>;

export interface ContractCreateEvent<T = Payload> {
  readonly kind: "created";
  readonly cid: string;
  readonly templateId: string;
  /** The payload in LF-JSON, exactly as the JSON API sends it (Int64 and Numeric are strings). */
  readonly cdata: T;
  /** True only when delivered by the startup sweep. */
  readonly initial: boolean;
}

export interface ContractArchiveEvent<T = Payload> {
  readonly kind: "archived";
  readonly cid: string;
  readonly templateId: string;
  /** The payload remembered from the create, when this process saw it (undefined for archives of unseen contracts). */
  readonly cdata: T | undefined;
}

export type ContractEvent = ContractCreateEvent | ContractArchiveEvent;

export interface TransactionEvent {
  readonly kind: "transactionStart" | "transactionEnd";
  /** JSON API v1 streams carry no command or workflow ids: always null. */
  readonly commandId: null;
  readonly workflowId: null;
  /** The stream offset after this transaction (extension: the original exposed none). */
  readonly offset: string | null;
  readonly contractEvents: readonly ContractEvent[];
}

export interface CreatedOptions<T> {
  match?: ContractMatch<T>;
  /** Deliver the contracts active at startup (`initial: true`); default true. */
  sweep?: boolean;
  /** Deliver creates seen after startup; default true. */
  flow?: boolean;
  /** Qualify `Mod:Ent` with the main package id; default true. */
  packageDefaulting?: boolean;
}

export interface ArchivedOptions<T> {
  /** Evaluated against the payload remembered from the create; archives of contracts never seen do not match. */
  match?: ContractMatch<T>;
  packageDefaulting?: boolean;
}

export interface WebhookOptions {
  /** Appended to `/integration/:integrationId` as given (no `/` is added); Fastify path syntax. */
  urlSuffix?: string;
  label?: string;
  auth?: AuthLevel;
}

type Handler<A extends unknown[]> = (...args: A) => HandlerResult;
type TemplateArg<T extends object> = Template<T, unknown, string> | string;

export interface LedgerEvents {
  init<H extends Handler<[]>>(handler: H): H;
  ready<H extends Handler<[]>>(handler: H): H;
  transactionStart<H extends Handler<[TransactionEvent]>>(handler: H): H;
  transactionEnd<H extends Handler<[TransactionEvent]>>(handler: H): H;
  contractCreated<T extends object = Payload>(template: TemplateArg<T>, handler: Handler<[ContractCreateEvent<T>]>,
    options?: CreatedOptions<T>): Handler<[ContractCreateEvent<T>]>;
  contractArchived<T extends object = Payload>(template: TemplateArg<T>, handler: Handler<[ContractArchiveEvent<T>]>,
    options?: ArchivedOptions<T>): Handler<[ContractArchiveEvent<T>]>;
}

export type WebhookHandler = (request: WebhookRequest) => WebhookResult;

export interface IntegrationEvents {
  readonly ledger: LedgerEvents;
  readonly webhook: {
    get<H extends WebhookHandler>(handler: H, options?: WebhookOptions): H;
    post<H extends WebhookHandler>(handler: H, options?: WebhookOptions): H;
  };
  readonly time: {
    /** Every `seconds` (first after one interval); a tick is skipped while the previous one is queued or running. */
    periodicInterval<H extends Handler<[]>>(seconds: number, handler: H, options?: { label?: string }): H;
  };
  readonly queue: {
    message<H extends Handler<[unknown]>>(handler: H, options?: { queueName?: string }): H;
  };
}

// What the dispatcher, scheduler and host adapter read back.
export type LedgerRegistration =
  | { kind: "init" | "ready"; row: LedgerRow; handler: Handler<[]> }
  | { kind: "transactionStart" | "transactionEnd"; row: LedgerRow; handler: Handler<[TransactionEvent]> }
  | { kind: "created"; row: LedgerRow; templateId: string; match: ContractMatch<never> | undefined; sweep: boolean; flow: boolean;
      handler: Handler<[ContractCreateEvent]> }
  | { kind: "archived"; row: LedgerRow; templateId: string; match: ContractMatch<never> | undefined; handler: Handler<[ContractArchiveEvent]> };

export interface WebhookRegistration { row: WebhookRow; method: "GET" | "POST"; urlSuffix: string; auth: AuthLevel; handler: WebhookHandler }
export interface TimerRegistration { row: HandlerRow; seconds: number; handler: Handler<[]> }
export interface QueueRegistration { row: HandlerRow; name: string; handler: Handler<[unknown]> }

export const DEFAULT_QUEUE = "default";
const LEDGER_LABELS = {
  init: "Ledger Init", ready: "Ledger Ready", transactionStart: "Transaction Start", transactionEnd: "Transaction End",
  created: "Contract Create", archived: "Contract Archive",
} as const;

export class Registry {
  readonly ledger: LedgerRegistration[] = [];
  readonly webhooks: WebhookRegistration[] = [];
  readonly timers: TimerRegistration[] = [];
  readonly queues = new Map<string, QueueRegistration>();
  private sealed = false;

  constructor(private readonly status: StatusBoard, private readonly damlModel: DamlModelInfo | null) {}

  /** Ends registration: the entrypoint has returned. */
  seal(): void {
    this.sealed = true;
  }

  events(): IntegrationEvents {
    const simple = <K extends "init" | "ready" | "transactionStart" | "transactionEnd">(kind: K) =>
      <H>(handler: H): H => {
        this.add(kind, () => this.ledger.push({ kind, row: this.ledgerRow(kind, null, false, true), handler } as LedgerRegistration), handler);
        return handler;
      };
    const ledger: LedgerEvents = {
      init: simple("init"),
      ready: simple("ready"),
      transactionStart: simple("transactionStart"),
      transactionEnd: simple("transactionEnd"),
      contractCreated: (template, handler, options = {}) => {
        this.add("contractCreated", () => {
          const templateId = this.templateId(template, options.packageDefaulting);
          const sweep = options.sweep ?? true;
          const flow = options.flow ?? true;
          this.ledger.push({ kind: "created", row: this.ledgerRow("created", templateId, sweep, flow), templateId,
            match: options.match as ContractMatch<never> | undefined, sweep, flow, handler: handler as Handler<[ContractCreateEvent]> });
        }, handler);
        return handler;
      },
      contractArchived: (template, handler, options = {}) => {
        this.add("contractArchived", () => {
          const templateId = this.templateId(template, options.packageDefaulting);
          this.ledger.push({ kind: "archived", row: this.ledgerRow("archived", templateId, false, true), templateId,
            match: options.match as ContractMatch<never> | undefined, handler: handler as Handler<[ContractArchiveEvent]> });
        }, handler);
        return handler;
      },
    };
    const webhook = (method: "GET" | "POST") => <H extends WebhookHandler>(handler: H, options: WebhookOptions = {}): H => {
      this.add(`webhook.${method.toLowerCase()}`, () => {
        const urlSuffix = options.urlSuffix ?? "";
        const auth = options.auth ?? AuthLevel.PUBLIC;
        if (!Object.values(AuthLevel).includes(auth)) throw new RuntimeError("registration/invalid", `unknown auth level "${String(auth)}"`);
        const row = new WebhookRow(this.webhooks.length, options.label ?? null, `/integration/{integration_id}${urlSuffix}`, method === "GET" ? "get" : "post");
        this.status.webhooks.push(row);
        this.webhooks.push({ row, method, urlSuffix, auth, handler });
      }, handler);
      return handler;
    };
    return {
      ledger,
      webhook: { get: webhook("GET"), post: webhook("POST") },
      time: {
        periodicInterval: (seconds, handler, options = {}) => {
          this.add("time.periodicInterval", () => {
            if (!(typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0)) {
              throw new RuntimeError("registration/invalid", `periodicInterval needs a positive number of seconds, not ${String(seconds)}`);
            }
            // Bug 6 fixed: the default label is used.
            const row = new HandlerRow(this.timers.length, `${options.label ?? "Periodic Interval"} (${seconds}s)`);
            this.status.timers.push(row);
            this.timers.push({ row, seconds, handler });
          }, handler);
          return handler;
        },
      },
      queue: {
        message: (handler, options = {}) => {
          this.add("queue.message", () => {
            const name = options.queueName ?? DEFAULT_QUEUE;
            if (this.queues.has(name)) throw new RuntimeError("registration/duplicate-queue", `Duplicate queue name: ${name}`);
            const row = new HandlerRow(this.queues.size, name);
            this.status.queues.push(row);
            this.queues.set(name, { row, name, handler });
          }, handler);
          return handler;
        },
      },
    };
  }

  private add(what: string, register: () => void, handler: unknown): void {
    if (this.sealed) {
      throw new RuntimeError("registration/late",
        `events.${what} was called after the entrypoint returned: register every handler synchronously inside the entrypoint`);
    }
    if (typeof handler !== "function") throw new RuntimeError("registration/invalid", `events.${what} needs a handler function`);
    register();
  }

  private ledgerRow(kind: keyof typeof LEDGER_LABELS, templateId: string | null, sweep: boolean, flow: boolean): LedgerRow {
    const row = new LedgerRow(this.status.ledgerEvents.length, LEDGER_LABELS[kind], templateId, sweep, flow);
    this.status.ledgerEvents.push(row);
    return row;
  }

  private templateId(template: TemplateRef, packageDefaulting = true): string {
    const id = idOf(template);
    return packageDefaulting ? qualifyTemplateId(this.damlModel, id) : id;
  }
}
