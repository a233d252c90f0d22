// `testIntegration`: an integration under test on the real runtime (IntegrationRuntime), an in-memory ledger
// (MemoryLedger), a clock that only moves when the test says so (ManualClock), and the real host routing and auth
// (buildHostApp + app.inject, with a JWKS of the harness's own), so that a test sees what Daml Hub would.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { readArchive, readZip } from "@dit/daml-lf";
import {
  type DamlModelInfo, type Diagnostic, integrationTypesOf, type IntegrationConfig, type IntegrationTypeInfo, loadIntArgs, loadMetadata,
  validateIntArgsText,
} from "@dit/meta";
import type { IntegrationStatus, LedgerClaims } from "../contract.js";
import { buildHostApp, type HostApp } from "../host/app.js";
import { CONFIG_DEFAULTS } from "../host/config.js";
import { createLogging, type DitLogging } from "../host/logging.js";
import { createMetrics } from "../host/metrics.js";
import { LedgerError } from "../ledger/types.js";
import { MemoryLedger } from "../ledger/testing/memory-ledger.js";
import type { Command } from "../runtime/commands.js";
import { getIntegrationLogger, type Log, setIntegrationLogger } from "../runtime/log.js";
import { damlModelFromDar, projectDars } from "../runtime/model.js";
import { type EntryPoint, IntegrationRuntime, type RuntimeExit } from "../runtime/runtime.js";
import { flush, ManualClock } from "../runtime/testing/manual-clock.js";
import { qualifyTemplateId } from "../runtime/templates.js";
import { TEST_JWKS_URL, testJwks, signTestToken } from "./tokens.js";

/** The main package id of the stand-in model an entrypoint function gets (so that `env.tid("Mod:Ent")` works). */
export const TEST_PACKAGE_ID = "0".repeat(64);

/** What to test: an entrypoint function, a project directory (its dit-meta.yaml names the entrypoint), or both. */
export type TestTarget = EntryPoint | string | {
  /** The project directory (default: the current directory). */
  root?: string;
  /** `module:export` relative to the root (default: the integration type's entrypoint), or the function itself. */
  entrypoint?: string | EntryPoint;
};

/** Config values by field id: strings as int_args.yaml has them; numbers and booleans are written as strings first. */
export type TestConfigValues = Readonly<Record<string, string | number | boolean>>;

export interface TestIntegrationOptions {
  /** The run-as party (default: `runAs` of an int_args.yaml given as `config`, else "Alice"). */
  party?: string;
  /** The integration type, when the metadata declares several. */
  type?: string;
  /**
   * Values by field id, or the path of an int_args.yaml (relative to the project). With metadata they are checked and
   * coerced by field type, defaults applied, exactly as `dit run` does; without, they become `env` as given.
   */
  config?: TestConfigValues | string;
  /** Default: the metadata's daml_model, else the project's DAR (as `dit run`); for a function, a stand-in with TEST_PACKAGE_ID. */
  damlModel?: DamlModelInfo | null;
  /**
   * DAR files whose packages the test ledger holds, so `"*"` and package lookups see their templates (default: the
   * project's DARs, at its root and in .daml/dist; none for an entrypoint function).
   */
  dars?: readonly string[];
  /** DABL_QUEUE_SIZE (default 512). */
  queueSize?: number;
  /** DABL_LOG_LEVEL, 0..50 (default 0). */
  logLevel?: number;
  /** Also write the log lines to stderr (default: when DIT_TEST_LOGS=1). They are always kept in `t.logs`. */
  printLogs?: boolean;
  /** Where the manual clock starts (default 2024-01-01T00:00:00Z). */
  startTime?: Date | number;
}

export interface TestWebhookOptions {
  /** An object is sent as JSON, a string as text/plain, a Buffer as application/octet-stream (unless `headers` say otherwise). */
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** Sends a token of the test JWKS acting and reading as this party. */
  party?: string;
  /** Sends a token of the test JWKS with these ledger claims (ledgerId defaults to the test ledger's, actAs/readAs to []). */
  claims?: Partial<LedgerClaims>;
  /** Sends this bearer token as it is (e.g. from `t.token()`, or a broken one). */
  token?: string;
}

export interface TestWebhookResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON for a JSON content type, else the text. */
  body: unknown;
  text: string;
  raw: Buffer;
}

export interface IntegrationTest {
  /** The run-as party. */
  readonly party: string;
  /** The DABL_LEDGER_ID tokens must name (`cloudbox`). */
  readonly ledgerId: string;
  readonly ledger: MemoryLedger;
  readonly clock: ManualClock;
  readonly runtime: IntegrationRuntime;
  /** The host app (routes, auth); `app.inject()` for anything `webhook()` does not cover. */
  readonly app: HostApp;
  /** Every log line so far (framework, integration, access log), text format. */
  readonly logs: readonly string[];
  /** `Mod:Ent` → `<main package id>:Mod:Ent`, as `env.tid`. */
  tid(templateId: string): string;
  /** Starts timers and the ledger: init → sweeps (of the contracts created so far) → ready. Throws if the start fails. */
  start(): Promise<void>;
  /** Waits until every handler call and submission triggered so far has finished. Throws if the runtime has failed. */
  settle(): Promise<void>;
  /** Moves the manual clock forward (timers fire in due order), then settles. */
  advance(ms: number): Promise<void>;
  /** An HTTP request through the host: `path` is the webhook's urlSuffix (`/summary`), or a full path (`/integration/…`, `/status`). */
  webhook(method: "GET" | "HEAD" | "POST" | "PUT" | "DELETE", path: string, options?: TestWebhookOptions): Promise<TestWebhookResponse>;
  /** A token signed by the test JWKS (claims as in `TestWebhookOptions.claims`; default: the run-as party's). */
  token(claims?: Partial<LedgerClaims>): Promise<string>;
  /** `env.queue` of the integration. */
  readonly queue: { put(message: unknown, queueName?: string): Promise<void> };
  /** The status JSON, as GET /status answers it. */
  status(): Promise<IntegrationStatus & Record<string, unknown>>;
  /** The commands that reached the ledger, in order, as the handlers returned them. */
  submitted(): Command[];
  /** Makes the next command the ledger receives fail (a refusal, as a 400 from the JSON API). */
  failNextCommand(message?: string): void;
  /** Stops intake, drains and closes everything. */
  stop(): Promise<void>;
}

const SETTLE_LIMIT_MS = 10_000;

/** Loads an integration on the test ledger: the entrypoint runs now, the ledger side starts with `t.start()`. */
export async function testIntegration(target: TestTarget = {}, options: TestIntegrationOptions = {}): Promise<IntegrationTest> {
  const spec = typeof target === "function" ? { entrypoint: target } : typeof target === "string" ? { root: target } : target;
  const project = typeof target !== "function" ? loadProject(resolve(spec.root ?? "."), spec.entrypoint, options) : undefined;
  const root = project?.root ?? resolve(spec.root ?? ".");
  const config = project?.config ?? plainConfig(options.config);
  const party = options.party ?? config.runAsParty ?? "Alice";
  const damlModel = options.damlModel !== undefined ? options.damlModel
    : project ? (project.damlModel ?? damlModelFromDar(root))
    : { name: "test-model", version: "1.0.0", main_package_id: TEST_PACKAGE_ID };

  const lines: string[] = [];
  const print = options.printLogs ?? process.env.DIT_TEST_LOGS === "1";
  const logging = createLogging({ level: options.logLevel ?? 0, format: "text", batchAccessLog: false,
    destination: { write: (line: string) => { lines.push(line); if (print) process.stderr.write(line); } } });
  const previousLogger = getIntegrationLogger();
  const integrationLogger = asLog(logging.integration);
  setIntegrationLogger(integrationLogger);
  const metrics = createMetrics({ eventLoopMonitor: false });
  const ledger = new MemoryLedger(party);
  for (const dar of options.dars ?? (project ? projectDars(root) : [])) {
    for (const entry of readZip(readFileSync(resolve(root, dar)), dar)) {
      if (entry.path.endsWith(".dalf")) ledger.packages.set(readArchive(entry.data, `${dar}:${entry.path}`).hash, entry.data);
    }
  }
  const clock = new ManualClock(options.startTime === undefined ? undefined : new Date(options.startTime).getTime());
  const entrypoint = typeof spec.entrypoint === "function" ? spec.entrypoint : undefined;
  const loaded = await IntegrationRuntime.load({
    root, config, damlModel, party, ledger, clock, log: asLog(logging.framework), metrics, queueSize: options.queueSize ?? 512,
    reconnect: { initialMs: 100, maxMs: 1000, giveUpAfterMs: 60_000 },
    ...(entrypoint ? { entrypoint } : {}),
  });
  if (!loaded.ok) {
    setIntegrationLogger(previousLogger);
    metrics.close();
    throw loaded.error;
  }
  const runtime = loaded.runtime;
  let exit: RuntimeExit | undefined;
  void runtime.exit.then((e) => (exit = e));
  const ledgerId = CONFIG_DEFAULTS.ledgerId;
  const app = buildHostApp({
    config: { ledgerId, jwksUrl: TEST_JWKS_URL }, logger: logging, status: () => runtime.snapshot(), webhooks: runtime.webhooks(),
    runAsParty: party, metrics, jwks: { fetch: testJwks },
  });
  const claimsFor = (claims: Partial<LedgerClaims> = { actAs: [party], readAs: [party] }) => signTestToken({ ledgerId, actAs: [], readAs: [], ...claims });

  const failed = () => (exit && exit.code !== 0 ? new Error(`the integration failed (exit ${exit.code}): ${exit.reason}`) : undefined);
  let started = false;
  let stopped = false;

  const t: IntegrationTest = {
    party, ledgerId, ledger, clock, runtime, app,
    get logs() { return lines; },
    tid: (templateId) => qualifyTemplateId(damlModel, templateId),
    async start() {
      if (started) throw new Error("start() was called already");
      started = true;
      runtime.start();
      const deadline = Date.now() + SETTLE_LIMIT_MS;
      while (!runtime.status.ready) {
        const failure = failed();
        if (failure) throw failure;
        if (Date.now() > deadline) {
          throw new Error(`the integration did not become ready within ${SETTLE_LIMIT_MS / 1000} s (is an init, sweep or ready handler waiting?)`);
        }
        await pause();
      }
      await t.settle();
    },
    async settle() {
      const deadline = Date.now() + SETTLE_LIMIT_MS;
      // Idle twice in a row: a finished handler's promise jobs may queue more work.
      for (let idleRounds = 0; idleRounds < 2;) {
        await pause();
        const failure = failed();
        if (failure) throw failure;
        idleRounds = runtime.pendingWork === 0 ? idleRounds + 1 : 0;
        if (idleRounds === 0 && Date.now() > deadline) {
          throw new Error(`settle(): still busy after ${SETTLE_LIMIT_MS / 1000} s (${runtime.pendingWork} handler calls or submissions ` +
            "pending; is one waiting for the manual clock? advance it with t.advance(ms))");
        }
      }
    },
    async advance(ms) {
      await clock.advance(ms);
      await t.settle();
    },
    async webhook(method, path, request = {}) {
      const headers: Record<string, string> = {};
      let payload: string | Buffer | undefined;
      const body = request.body;
      if (Buffer.isBuffer(body)) [payload, headers["content-type"]] = [body, "application/octet-stream"];
      else if (typeof body === "string") [payload, headers["content-type"]] = [body, "text/plain; charset=utf-8"];
      else if (body !== undefined) [payload, headers["content-type"]] = [JSON.stringify(body), "application/json"];
      const token = request.token ?? (request.claims ? await claimsFor(request.claims)
        : request.party !== undefined ? await claimsFor({ actAs: [request.party], readAs: [request.party] }) : undefined);
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
      Object.assign(headers, request.headers);
      const url = path.startsWith("/integration/") || path.startsWith("/integration?") || isControlPath(path)
        ? path : `/integration/test${path}`;
      const response = await app.inject({ method, url, headers, ...(request.query ? { query: request.query } : {}),
        ...(payload !== undefined ? { payload } : {}) });
      const text = response.body;
      const type = String(response.headers["content-type"] ?? "");
      return {
        status: response.statusCode, headers: response.headers as TestWebhookResponse["headers"], text, raw: response.rawPayload,
        body: /[/+]json\b/.test(type) && text !== "" ? JSON.parse(text) as unknown : text,
      };
    },
    token: (claims) => claimsFor(claims),
    queue: { put: (message, queueName) => runtime.queueSink.put(message, queueName) },
    async status() {
      const response = await app.inject({ method: "GET", url: "/status" });
      return JSON.parse(response.body) as IntegrationStatus & Record<string, unknown>;
    },
    submitted: () => ledger.commands.map(asCommand),
    failNextCommand(message = "the test refused this command") {
      ledger.failures.push(new LedgerError("ledger/rejected", message, 400, [message]));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await runtime.shutdown(5_000);
      await app.close();
      metrics.close();
      logging.flush();
      if (getIntegrationLogger() === integrationLogger) setIntegrationLogger(previousLogger);
    },
  };
  return t;
}

interface Project {
  root: string;
  config: IntegrationConfig;
  damlModel: DamlModelInfo | undefined;
}

/** The project's metadata, integration type and config, read and checked with @dit/meta as `dit run` does. */
function loadProject(root: string, entrypoint: string | EntryPoint | undefined, options: TestIntegrationOptions): Project {
  const metadata = loadMetadata(root);
  if (!metadata.ok || !metadata.metadata) {
    if (metadata.diagnostics.some((d) => d.rule === "meta/not-found")) {
      throw new Error(`no dit-meta.yaml (or dabl-meta.yaml, daml.yaml) in ${root}: pass the entrypoint function, or the project directory`);
    }
    throw new Error(`the metadata in ${root} is invalid:\n${describeDiagnostics(metadata.diagnostics)}`);
  }
  const types = integrationTypesOf(metadata.metadata);
  const typeId = options.type ?? (types.length === 1 ? types[0]!.id : undefined);
  if (typeId === undefined) {
    throw new Error(types.length === 0 ? `the metadata in ${root} declares no integration type`
      : `the metadata declares several integration types: pass { type } (one of ${types.map((t) => t.id).join(", ")})`);
  }
  let config: IntegrationConfig | undefined;
  if (typeof options.config === "string") {
    const result = loadIntArgs(resolve(root, options.config), metadata.metadata, { typeId });
    if (!result.ok || !result.config) throw new Error(`${options.config} is invalid:\n${describeDiagnostics(result.diagnostics)}`);
    config = result.config;
  } else {
    // The values go through the very checks and coercion int_args.yaml does (JSON is YAML).
    const values = Object.fromEntries(Object.entries(options.config ?? {}).map(([id, value]) => [id, asText(id, value)]));
    const result = validateIntArgsText(JSON.stringify({ type_id: typeId, metadata: values }), metadata.metadata, { typeId });
    if (!result.ok || !result.config || result.diagnostics.length > 0) {
      throw new Error(`the test's config does not fit integration type "${typeId}":\n${describeDiagnostics(result.diagnostics)}`);
    }
    config = result.config;
  }
  const type: IntegrationTypeInfo = typeof entrypoint === "string" ? { ...config.type, entrypoint } : config.type;
  return { root, config: { ...config, type }, damlModel: metadata.normalized?.daml_model ?? undefined };
}

/** The config of an entrypoint function without metadata: the values as given. */
export function plainConfig(values: TestConfigValues | string | undefined, extra: Partial<IntegrationTypeInfo> = {}): IntegrationConfig {
  if (typeof values === "string") throw new Error("config as an int_args.yaml path needs the project's metadata: pass { root } too");
  return {
    typeId: "test", values: { ...values } as IntegrationConfig["values"], raw: {},
    type: { id: "test", name: "Test", description: "", fields: [], entrypoint: "main:integration", ...extra },
  };
}

function asText(id: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new TypeError(`config.${id}: a string, number or boolean, not ${value === null ? "null" : typeof value}`);
}

function describeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `  ${d.file ? `${d.file}${d.line ? `:${d.line}:${d.col ?? 1}` : ""}: ` : ""}${d.message} (${d.rule})`).join("\n");
}

const CONTROL_PATHS = ["/status", "/healthz", "/readyz", "/log-level", "/metrics"];
const isControlPath = (path: string) => CONTROL_PATHS.includes(path.split("?")[0]!);

function asCommand(call: MemoryLedger["commands"][number]): Command {
  const { kind, templateId } = call;
  switch (kind) {
    case "create": return { kind, templateId, payload: call.payload };
    case "exercise": return { kind, templateId, contractId: call.contractId!, choice: call.choice!, argument: call.argument };
    case "createAndExercise": return { kind, templateId, payload: call.payload, choice: call.choice!, argument: call.argument };
    default: return { kind: "exerciseByKey", templateId, key: call.key, choice: call.choice!, argument: call.argument };
  }
}

function asLog(logger: DitLogging["framework"]): Log {
  return { debug: (m) => logger.debug(m), info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) };
}

/** Lets promise jobs and I/O callbacks run (a real-time pause, so handlers doing real I/O progress too). */
async function pause(): Promise<void> {
  await flush(5);
  await new Promise((r) => setTimeout(r, 1));
}
