// Support for the JSON API tests on the real Daml sandbox: a model DAR built here with @dit/daml-lf's PackageBuilder
// (no third-party DAR), tokens, @daml/ledger clients with dynamic templates, and the JSON API started in-process.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { E, PackageBuilder, T, type Expr, type LfType } from "@dit/daml-lf";
import * as jtv from "@mojotech/json-type-validation";
import { realLedger } from "../../../scripts/testing/real-ledger.js";
import { startJsonApi, type JsonApi } from "../src/start.js";

const require = createRequire(import.meta.url);
// @daml/ledger and @daml/types are CommonJS; Ledger is the default export.
const Ledger = (require("@daml/ledger") as { default: new (options: object) => DamlLedger }).default;
const { registerTemplate } = require("@daml/types") as { registerTemplate(t: unknown): void };

/** The part of @daml/ledger 2.10.4's `Ledger` these tests use, typed loosely (dynamic templates). */
export interface DamlLedger {
  create(t: unknown, payload: unknown, meta?: unknown): Promise<Contract>;
  exercise(choice: unknown, cid: string, argument: unknown): Promise<[unknown, Event[]]>;
  exerciseByKey(choice: unknown, key: unknown, argument: unknown): Promise<[unknown, Event[]]>;
  createAndExercise(choice: unknown, payload: unknown, argument: unknown): Promise<[unknown, Event[]]>;
  archive(t: unknown, cid: string): Promise<unknown>;
  archiveByKey(t: unknown, key: unknown): Promise<unknown>;
  query(t: unknown, query?: unknown): Promise<Contract[]>;
  fetch(t: unknown, cid: string): Promise<Contract | null>;
  fetchByKey(t: unknown, key: unknown): Promise<Contract | null>;
  listKnownParties(): Promise<Array<{ identifier: string; displayName?: string; isLocal: boolean }>>;
  getParties(parties: string[]): Promise<Array<{ identifier: string; displayName?: string; isLocal: boolean } | null>>;
  allocateParty(options: { identifierHint?: string; displayName?: string }): Promise<{ identifier: string; displayName?: string; isLocal: boolean }>;
  listPackages(): Promise<string[]>;
  getPackage(id: string): Promise<ArrayBuffer>;
  uploadDarFile(bytes: Uint8Array): Promise<void>;
  streamQueries(t: unknown, queries: unknown[]): Stream<Contract[]>;
  streamFetchByKeys(t: unknown, keys: unknown[]): Stream<Array<Contract | null>>;
}

export interface Contract {
  contractId: string;
  templateId: string;
  key?: unknown;
  payload: Record<string, unknown>;
  signatories: string[];
  observers: string[];
  agreementText: string;
  completionOffset?: string;
}
export type Event = { created: Contract } | { archived: { contractId: string; templateId: string } };

export interface Stream<S> {
  on(type: "change", listener: (state: S, events: readonly Event[]) => void): void;
  on(type: "live", listener: (state: S) => void): void;
  on(type: "close", listener: (closeEvent: { code: number; reason: string }) => void): void;
  close(): void;
}

const builtin = (code: number): Expr => ({ kind: "builtin", code });
const APPEND_TEXT = 24;

/**
 * The test model, module `Model`:
 * - `Thing` (no key): every LF-JSON shape in its payload; choices `Rename` (consuming, → ContractId Thing),
 *   `Describe` (non-consuming, → Inner), `Echo` (non-consuming, → the Shape given).
 * - `Account` (key `AccountKey {owner, id}`, maintainer owner; agreement "account <id>"): `Deposit` (consuming,
 *   → ContractId Account), `Balance` (non-consuming, → Numeric 10), `Close` (consuming, → Text).
 */
export function buildModel(): { dar: Uint8Array; packageId: string } {
  const b = new PackageBuilder({ name: "dit-json-api-test", version: "1.0.0", lfMinor: "12" });
  const m = b.module("Model");
  const color = m.enum("Color", ["Red", "Green", "Blue"]);
  const shape = m.variant("Shape", { Circle: T.numeric(10), Square: T.int64, Dot: T.unit });
  const inner = m.record("Inner", { label: T.text, level: T.int64 });
  m.template("Thing", {
    owner: T.party, count: T.int64, amount: T.numeric(10), name: T.text, day: T.date, at: T.timestamp,
    opt: T.optional(T.int64), nested: T.optional(T.optional(T.int64)), tags: T.list(T.text), attrs: T.textMap(T.int64),
    index: T.genMap(T.text, T.int64), shape, color, inner, flag: T.bool,
  }, {
    signatories: (t) => E.list(T.party, [t.field("owner")]),
    choices: [
      {
        name: "Rename", argument: { newName: T.text }, returnType: T.contractId(m.type("Thing")),
        controllers: (c) => E.list(T.party, [c.field("owner")]),
        update: (c) => E.create(c.ref, E.withField(c.type, c.self, "name", c.argField("newName"))),
      },
      {
        name: "Describe", consuming: false, argument: {}, returnType: inner,
        controllers: (c) => E.list(T.party, [c.field("owner")]),
        update: (c) => E.pure(inner, c.field("inner")),
      },
      {
        name: "Echo", consuming: false, argument: { value: shape }, returnType: shape,
        controllers: (c) => E.list(T.party, [c.field("owner")]),
        update: (c) => E.pure(shape, c.argField("value")),
      },
    ],
  });
  const accountKey: LfType = m.record("AccountKey", { owner: T.party, id: T.text });
  m.template("Account", { owner: T.party, id: T.text, balance: T.numeric(10) }, {
    signatories: (t) => E.list(T.party, [t.field("owner")]),
    agreement: (t) => E.app(builtin(APPEND_TEXT), E.text("account "), t.field("id")),
    key: {
      type: accountKey,
      body: (t) => E.record(accountKey, { owner: t.field("owner"), id: t.field("id") }),
      maintainers: (k) => E.list(T.party, [E.field(accountKey, k, "owner")]),
    },
    choices: [
      {
        name: "Deposit", argument: { newBalance: T.numeric(10) }, returnType: T.contractId(m.type("Account")),
        controllers: (c) => E.list(T.party, [c.field("owner")]),
        update: (c) => E.create(c.ref, E.withField(c.type, c.self, "balance", c.argField("newBalance"))),
      },
      {
        name: "Balance", consuming: false, argument: {}, returnType: T.numeric(10),
        controllers: (c) => E.list(T.party, [c.field("owner")]),
        update: (c) => E.pure(T.numeric(10), c.field("balance")),
      },
      {
        name: "Close", argument: {}, returnType: T.text,
        controllers: (c) => E.list(T.party, [c.field("owner")]),
        update: (c) => E.pure(T.text, c.field("id")),
      },
    ],
  });
  const { dar, packageId } = b.buildDar();
  return { dar, packageId };
}

/** A custom-claims token (unsigned: the sandbox runs without auth and the JSON API only reads claims). */
/** `null` leaves `ledgerId` or `applicationId` out. */
export function token(ledgerId: string | null, actAs: string[], readAs: string[] = [], applicationId: string | null = "dit-json-api-test"): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const claims = { ...(ledgerId !== null ? { ledgerId } : {}), ...(applicationId !== null ? { applicationId } : {}), actAs, readAs, admin: true };
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ "https://daml.com/ledger-api": claims })}.${part("unsigned")}`;
}

/** Dynamic @daml/ledger template objects (ledger-protocol.md §1.10), registered so exercise events keep payloads. */
export function templates(packageId: string) {
  const decoder = jtv.unknownJson();
  const identity = (x: unknown) => x;
  const make = (entity: string, choiceNames: string[]) => {
    const t: Record<string, unknown> = { templateId: `${packageId}:Model:${entity}`, sdkVersion: "2.10.4", decoder, keyDecoder: decoder, encode: identity, keyEncode: identity };
    for (const choiceName of [...choiceNames, "Archive"]) {
      t[choiceName] = { template: () => t, choiceName, argumentEncode: identity, argumentDecoder: decoder, resultDecoder: decoder };
    }
    registerTemplate(t);
    return t as Record<string, unknown> & { templateId: string };
  };
  return { Thing: make("Thing", ["Rename", "Describe", "Echo"]), Account: make("Account", ["Deposit", "Balance", "Close"]) };
}

export interface Fixture {
  api: JsonApi;
  ledgerId: string;
  packageId: string;
  t: ReturnType<typeof templates>;
  /** A @daml/ledger client acting as these parties (more `Ledger` options, e.g. multiplexQueryStreams, in `options`). */
  ledger(actAs: string[], readAs?: string[], options?: Record<string, unknown>): DamlLedger;
  /** A fresh party (random suffix: the sandbox is shared by the run). */
  party(hint: string): Promise<string>;
  /** A raw HTTP call: the parsed JSON body and the status. */
  http(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }>;
}

/**
 * The run's sandbox, the model uploaded through the JSON API, and the JSON API on a free port. With
 * DIT_JSON_API_URL (and DIT_JSON_API_LEDGER_ID, default "sandbox") the suites run against that JSON API instead —
 * e.g. Digital Asset's own `daml json-api`, to check these tests (and so our server) against the reference.
 */
export async function setUp(heartbeatMs = 5_000): Promise<Fixture> {
  const external = process.env.DIT_JSON_API_URL;
  const { api, ledgerId } = external
    ? { api: externalJsonApi(external), ledgerId: process.env.DIT_JSON_API_LEDGER_ID ?? "sandbox" }
    : await (async () => {
      const { address, ledgerId: id } = await realLedger();
      return { api: await startJsonApi({ ledger: address, heartbeatMs }), ledgerId: id };
    })();
  const { dar, packageId } = buildModel();
  const ledger = (actAs: string[], readAs: string[] = [], options: Record<string, unknown> = {}) =>
    new Ledger({ token: token(ledgerId, actAs, readAs), httpBaseUrl: api.url, ...options });
  await ledger([]).uploadDarFile(dar);
  return {
    api, ledgerId, packageId, t: templates(packageId), ledger,
    party: async (hint) => (await ledger([]).allocateParty({ identifierHint: `${hint}-${randomBytes(4).toString("hex")}` })).identifier,
    http: async (method, path, body, headers = {}) => {
      const response = await fetch(new URL(path, api.url), {
        method,
        headers: { "content-type": "application/json", authorization: `Bearer ${token(ledgerId, [])}`, ...headers },
        ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    },
  };
}

function externalJsonApi(url: string): JsonApi {
  const base = url.endsWith("/") ? url : `${url}/`;
  return { url: base, port: Number(new URL(base).port || 80), ledgerId: process.env.DIT_JSON_API_LEDGER_ID ?? "sandbox", close: async () => {} };
}

/** A Thing payload with every field set; override what a test varies. */
export function thing(owner: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    owner, count: "7", amount: "42", name: "widget", day: "2024-02-29", at: "2024-02-29T12:34:56.789Z",
    opt: null, nested: null, tags: ["a", "b"], attrs: { x: "1" }, index: [["k", "2"]],
    shape: { tag: "Dot", value: {} }, color: "Green", inner: { label: "in", level: "3" }, flag: true,
    ...overrides,
  };
}
