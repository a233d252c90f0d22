// The one work queue of timers and queue messages (spec §3.15): bounded FIFO, one worker, skip-on-full.

export interface WorkItem {
  readonly label: string;
  run(): Promise<void>;
}

export interface WorkQueueLog {
  debug(message: string): void;
  error(message: string): void;
}

export class WorkQueue {
  private readonly items: WorkItem[] = [];
  private running: Promise<void> | undefined;
  private closed = false;
  total = 0;
  skipped = 0;

  constructor(readonly capacity: number, private readonly log: WorkQueueLog) {}

  /** Adds an item unless the queue is full or closed (counted as skipped). Every attempt counts in `total`. */
  offer(item: WorkItem): boolean {
    this.total++;
    if (this.closed || this.items.length >= this.capacity) {
      this.skipped++;
      this.log.error(`Work queue overrun, skipping event: ${item.label}`);
      return false;
    }
    this.items.push(item);
    this.running ??= this.work();
    return true;
  }

  /** Whether the worker is running an entry (or about to take the next). */
  get active(): boolean {
    return this.running !== undefined;
  }

  /** Entries waiting (not the one running). */
  get pending(): number {
    return this.items.length;
  }

  /** Stops intake; resolves when the queue is empty and the worker idle, or at the deadline (whichever first). */
  async drain(deadline: Promise<void>): Promise<boolean> {
    this.closed = true;
    const done = (this.running ?? Promise.resolve()).then(() => true);
    return Promise.race([done, deadline.then(() => false)]);
  }

  private async work(): Promise<void> {
    for (let item = this.items.shift(); item; item = this.items.shift()) {
      // The original logged this at INFO for every timer tick (spec bug 21): DEBUG here.
      this.log.debug(`Processing queue entry: ${item.label}`);
      try {
        await item.run();
      } catch (error) {
        this.log.error(`Uncaught error in queue worker loop: ${String(error)}`);
      }
    }
    this.running = undefined;
  }
}
