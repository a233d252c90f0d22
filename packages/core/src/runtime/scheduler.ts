// Timers and queue messages → the work queue (spec §3.14–3.15). A timer tick is skipped while the same timer's
// previous tick is still queued or running (bug 6 fixed: no backlog); ticks keep a fixed rate from the start.
import type { Clock, TimerHandle } from "./clock.js";
import { RuntimeError } from "./errors.js";
import type { QueueRegistration, TimerRegistration } from "./events.js";
import type { InvokeContext } from "./invoke.js";
import { invokeHandler } from "./invoke.js";
import type { WorkQueue } from "./work-queue.js";

export class TimerScheduler {
  private readonly handles = new Map<TimerRegistration, TimerHandle>();
  private stopped = false;
  /** Ticks dropped because the previous one had not finished. */
  overruns = 0;

  constructor(private readonly timers: readonly TimerRegistration[], private readonly queue: WorkQueue,
    private readonly ctx: InvokeContext, private readonly clock: Clock) {}

  start(): void {
    const start = this.clock.now();
    for (const timer of this.timers) this.schedule(timer, start, 1, { busy: false });
  }

  stop(): void {
    this.stopped = true;
    for (const handle of this.handles.values()) this.clock.clearTimeout(handle);
    this.handles.clear();
  }

  private schedule(timer: TimerRegistration, start: number, tick: number, state: { busy: boolean }): void {
    if (this.stopped) return;
    const interval = timer.seconds * 1000;
    const due = start + tick * interval;
    this.handles.set(timer, this.clock.setTimeout(() => {
      // If ticks were missed (a blocked event loop), continue with the next one in the future.
      const next = Math.max(tick + 1, Math.floor((this.clock.now() - start) / interval) + 1);
      this.schedule(timer, start, next, state);
      if (state.busy) {
        this.overruns++;
        this.ctx.log.debug(`timer ${timer.row.label ?? ""} is still running: tick skipped`);
        return;
      }
      const offered = this.queue.offer({
        label: timer.row.label ?? "timer",
        run: async () => {
          try {
            await invokeHandler(this.ctx, "timer", timer.row, () => timer.handler());
          } finally {
            state.busy = false;
          }
        },
      });
      state.busy = offered;
    }, due - this.clock.now()));
  }
}

/** `env.queue`: puts a message on the work queue for the handler of `queueName`. */
export interface QueueSink {
  /** Rejects with `queue/unknown` for an unregistered name and `queue/full` when the work queue is full. */
  put(message: unknown, queueName?: string): Promise<void>;
}

export function queueSink(queues: ReadonlyMap<string, QueueRegistration>, queue: WorkQueue, ctx: InvokeContext): QueueSink {
  return {
    async put(message, queueName = "default") {
      const registration = queues.get(queueName);
      if (!registration) {
        throw new RuntimeError("queue/unknown", `Unknown queue: ${queueName} (valid: [${[...queues.keys()].map((k) => `'${k}'`).join(", ")}])`);
      }
      // The message is passed by reference, as in the original.
      const accepted = queue.offer({
        label: `queue ${queueName}`,
        run: async () => void (await invokeHandler(ctx, "queue", registration.row, () => registration.handler(message))),
      });
      if (!accepted) throw new RuntimeError("queue/full", `the work queue is full (${queue.capacity} entries): message for ${queueName} skipped`);
    },
  };
}
