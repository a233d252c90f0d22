// A serial lane: tasks run one after another, in the order they were given. Each ledger handler has its own.

export class Lane {
  private tail: Promise<void> = Promise.resolve();
  private count = 0;

  /** Queues a task; a failing task does not stop the lane (the handler wrapper has already counted it). */
  enqueue(task: () => Promise<void>): Promise<void> {
    this.count++;
    const run = this.tail.then(task).catch(() => undefined).finally(() => this.count--);
    this.tail = run;
    return run;
  }

  /** Tasks queued or running. */
  get pending(): number {
    return this.count;
  }

  /** Resolves once everything queued so far has run. */
  idle(): Promise<void> {
    return this.tail;
  }
}
