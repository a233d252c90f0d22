import type { Clock, TimerHandle } from "../clock.js";

interface Pending { id: number; at: number; callback: () => void }

/** A clock that only moves when a test calls `advance`; timers fire in due order, with promise jobs flushed between. */
export class ManualClock implements Clock {
  private current: number;
  private pending: Pending[] = [];
  private nextId = 0;

  constructor(start = Date.UTC(2024, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = ++this.nextId;
    this.pending.push({ id, at: this.current + Math.max(0, ms), callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending = this.pending.filter((p) => p.id !== handle.id);
  }

  /** Moves time forward by `ms`, firing every timer that falls due (also timers set by the callbacks). */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await flush();
    for (;;) {
      const due = this.pending.filter((p) => p.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
      await flush();
    }
    this.current = target;
    await flush();
  }

  get timerCount(): number {
    return this.pending.length;
  }
}

/** Lets queued promise jobs (and the jobs they queue) run. */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
