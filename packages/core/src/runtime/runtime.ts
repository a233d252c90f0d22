// The runtime of one integration instance: load (entrypoint → registrations), start (spec §3.3: timers and the
// work queue, then the ledger: packages → init → snapshot → sweeps → ready → running → flow), shutdown (stop
// intake, drain the work queue, lanes and submissions up to a deadline, close the stream).
import type { DamlModelInfo, IntegrationConfig } from "@dit/meta";
import type { FrameworkMetrics, IntegrationStatus, WebhookRoute } from "../contract.js";
import { expandPatterns, loadPackageCatalog, needsCatalog } from "../ledger/package-catalog.js";
import { StreamSupervisor } from "../ledger/stream-supervisor.js";
import { type ActiveContract, LedgerError, type LedgerClient } from "../ledger/types.js";
import { type Clock, sleep, systemClock } from "./clock.js";
import { Dispatcher } from "./dispatcher.js";
import { resolveSymbol } from "./entrypoint.js";
import { applyEnvClass, buildBaseEnv, type IntegrationEnv } from "./env.js";
import { messageOf, RuntimeError } from "./errors.js";
import { type IntegrationEvents, Registry } from "./events.js";
import { type InvokeContext, noMetrics } from "./invoke.js";
import { type Log, silentLog } from "./log.js";
import { type QueueSink, queueSink, TimerScheduler } from "./scheduler.js";
import { StatusBoard } from "./status.js";
import { Submitter } from "./submitter.js";
import { webhookRoutes } from "./webhooks.js";
import { WorkQueue } from "./work-queue.js";

/** What an entrypoint may return: nothing, or a background task (a promise or an async function). */
export type EntryPoint<E extends IntegrationEnv = IntegrationEnv> = (env: E, events: IntegrationEvents) => void | Promise<unknown> | (() => Promise<unknown>);

export interface RuntimeOptions {
  /** The integration's root directory (entrypoints resolve relative to it). */
  root: string;
  config: IntegrationConfig;
  damlModel: DamlModelInfo | null;
  party: string;
  ledger: LedgerClient;
  clock?: Clock;
  /** Framework log (`daml-dit-if` in the original). */
  log?: Log;
  metrics?: FrameworkMetrics;
  /** DABL_QUEUE_SIZE; default 512. */
  queueSize?: number;
  /** Given directly instead of resolving `config.type.entrypoint` (tests). */
  entrypoint?: EntryPoint;
  reconnect?: { initialMs: number; maxMs: number; giveUpAfterMs: number };
}

/** How the process should end: 9 for framework failures (as the original), 1 when the background task failed. */
export interface RuntimeExit { code: 0 | 1 | 9; reason: string }

export type LoadResult = { ok: true; runtime: IntegrationRuntime } | { ok: false; error: RuntimeError; status: StatusBoard };

export class IntegrationRuntime {
  readonly exit: Promise<RuntimeExit>;
  private resolveExit!: (exit: RuntimeExit) => void;
  private supervisor: StreamSupervisor | undefined;
  private timers: TimerScheduler | undefined;
  private background: unknown;
  private stopping = false;

  private constructor(
    private readonly options: RuntimeOptions,
    readonly status: StatusBoard,
    private readonly registry: Registry,
    private readonly queue: WorkQueue,
    private readonly ctx: InvokeContext,
    private readonly dispatcher: Dispatcher,
    /** `env.queue` of this instance (tests put messages with it). */
    readonly queueSink: QueueSink,
  ) {
    this.exit = new Promise((resolve) => (this.resolveExit = resolve));
  }

  /** Resolves the entrypoint and env_class, builds env, runs the entrypoint. Errors are values (exit 9). */
  static async load(options: RuntimeOptions): Promise<LoadResult> {
    const clock = options.clock ?? systemClock();
    const log = options.log ?? silentLog;
    const status = new StatusBoard(clock);
    const queue = new WorkQueue(options.queueSize ?? 512, log);
    status.queueCounters = () => ({ capacity: queue.capacity, total: queue.total, pending: queue.pending, skipped: queue.skipped });
    const registry = new Registry(status, options.damlModel);
    const metrics = options.metrics ?? noMetrics;
    let runtime: IntegrationRuntime | undefined;
    const submitter = new Submitter(() => options.ledger, clock, status, metrics, log);
    const ctx: InvokeContext = { clock, metrics, log, submitter };
    try {
      const type = options.config.type;
      const entrypoint = options.entrypoint ?? (await resolveSymbol(options.root, type.entrypoint));
      if (typeof entrypoint !== "function") throw new RuntimeError("entrypoint/malformed", `entrypoint ${type.entrypoint} is not a function`);
      const sink = queueSink(registry.queues, queue, ctx);
      const base = buildBaseEnv({ party: options.party, queue: sink, damlModel: options.damlModel, config: options.config.values });
      const env = type.env_class ? await applyEnvClass(await resolveSymbol(options.root, type.env_class), base) : base;
      let returned: unknown;
      try {
        returned = (entrypoint as EntryPoint)(env, registry.events());
      } catch (error) {
        throw error instanceof RuntimeError ? error : new RuntimeError("entrypoint/failed", `the entrypoint failed: ${messageOf(error)}`, { cause: error });
      } finally {
        registry.seal();
      }
      if (returned !== undefined && returned !== null && typeof returned !== "function" && !isPromiseLike(returned)) {
        throw new RuntimeError("entrypoint/bad-return", `the entrypoint returned ${typeof returned}: return nothing, a promise or an async function`);
      }
      runtime = new IntegrationRuntime(options, status, registry, queue, ctx, new Dispatcher(registry.ledger, ctx), sink);
      runtime.background = returned;
      return { ok: true, runtime };
    } catch (error) {
      const failure = error instanceof RuntimeError ? error : new RuntimeError("entrypoint/failed", messageOf(error), { cause: error });
      status.recordFailure(failure);
      return { ok: false, error: failure, status };
    }
  }

  webhooks(): WebhookRoute[] {
    return webhookRoutes(this.registry.webhooks, this.ctx);
  }

  snapshot(): IntegrationStatus {
    return this.status.snapshot();
  }

  /** Handler invocations queued or running (ledger lanes and the work queue) and submissions in flight; 0 when idle. */
  get pendingWork(): number {
    return this.dispatcher.pending + this.queue.pending + (this.queue.active ? 1 : 0) + this.ctx.submitter.pending;
  }

  /** Starts everything; returns at once. Progress is in `status`, the end in `exit`. */
  start(): void {
    this.timers = new TimerScheduler(this.registry.timers, this.queue, this.ctx, this.clock);
    this.timers.start();
    this.startBackground();
    void this.startLedger().catch((error: unknown) => this.fail(error));
  }

  /** SIGTERM/SIGINT: stop intake, drain up to `deadlineMs`, close the stream. Resolves `exit` with 0. */
  async shutdown(deadlineMs = 10_000): Promise<{ drained: boolean }> {
    if (this.stopping) return { drained: false };
    this.stopping = true;
    this.timers?.stop();
    this.supervisor?.stop();
    const deadline = sleep(systemClock(), deadlineMs);
    const drained = (await this.queue.drain(deadline)) &&
      (await Promise.race([this.dispatcher.idle().then(() => true), deadline.then(() => false)])) &&
      (await this.ctx.submitter.drain(deadline));
    await this.options.ledger.close().catch(() => undefined);
    this.resolveExit({ code: 0, reason: drained ? "shut down" : "shut down at the drain deadline" });
    return { drained };
  }

  private get clock(): Clock {
    return this.ctx.clock;
  }

  private async startLedger(): Promise<void> {
    const { ledger } = this.options;
    const log = this.ctx.log;
    const patterns = this.dispatcher.templatePatterns();
    log.info(`Starting ledger client for party: ${this.options.party}`);
    const wanted = needsCatalog(patterns) || ledger.useCatalog !== undefined;
    const catalog = wanted ? await this.withRetry("listing packages", () => loadPackageCatalog(ledger, log)) : undefined;
    if (catalog) ledger.useCatalog?.(catalog);
    if (this.stopping) return;
    await this.dispatcher.runInit();
    const templateIds = expandPatterns(patterns, catalog);
    let snapshot: readonly ActiveContract[] = [];
    if (templateIds.length > 0) {
      this.supervisor = new StreamSupervisor({
        client: ledger, templateIds, clock: this.clock,
        ...(this.options.reconnect ? { backoff: this.options.reconnect, giveUpAfterMs: this.options.reconnect.giveUpAfterMs } : {}),
        transaction: (tx) => this.dispatcher.transaction(tx),
        state: (state, offset, error) => (this.status.ledger = { state, offset, error }),
        fatal: (error) => this.fail(error),
      });
      snapshot = (await this.supervisor.start()).contracts;
    } else {
      this.status.ledger = { state: "connected", offset: null, error: null };
    }
    if (this.stopping) return;
    await this.dispatcher.runSweeps(snapshot);
    await this.dispatcher.runReady();
    this.status.running = true;
    this.status.ready = true;
    log.info("...sweeps processed, integration started.");
    this.dispatcher.openFlow();
  }

  /** Retries a start-up call with back-off while the ledger is unreachable; auth errors are fatal at once. */
  private async withRetry<T>(what: string, call: () => Promise<T>): Promise<T> {
    const { initialMs, maxMs, giveUpAfterMs } = this.options.reconnect ?? { initialMs: 250, maxMs: 10_000, giveUpAfterMs: 120_000 };
    const started = this.clock.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const permanent = error instanceof LedgerError && error.code !== "ledger/unreachable";
        if (this.stopping) throw error;
        if (permanent || this.clock.now() - started >= giveUpAfterMs) throw error;
        this.status.ledger = { state: "connecting", offset: null, error: `${what}: ${messageOf(error)}` };
        await sleep(this.clock, Math.min(maxMs, initialMs * 2 ** attempt));
      }
    }
  }

  private startBackground(): void {
    const task = this.background;
    if (task === undefined || task === null) return;
    const promise = typeof task === "function" ? Promise.resolve().then(() => (task as () => unknown)()) : (task as Promise<unknown>);
    void Promise.resolve(promise).catch((error: unknown) => {
      this.ctx.log.error(`the integration's background task failed: ${messageOf(error)}`);
      this.resolveExit({ code: 1, reason: `background task failed: ${messageOf(error)}` });
    });
  }

  /** A framework failure: recorded in status, then exit 9 (bug 19 fixed: no zombie with running=false). */
  private fail(error: unknown): void {
    if (this.stopping) return;
    this.status.recordFailure(error);
    this.status.ledger = { ...this.status.ledger, state: "failed", error: messageOf(error) };
    this.ctx.log.error(`=== FATAL ERROR: ${messageOf(error)} ===`);
    this.timers?.stop();
    this.supervisor?.stop();
    this.resolveExit({ code: 9, reason: messageOf(error) });
  }
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
