// Submission (spec §3.11): the commands of one response go out in order, each its own JSON API call — JSON API v1
// has no multi-command transaction, so a response is NOT atomic as it was with dazl. The first failure (or the
// timeout) stops the rest, is counted in status `submissions` and metrics, and is given to the errorHandler.
import type { FrameworkMetrics } from "../contract.js";
import type { CommandResult, LedgerClient } from "../ledger/types.js";
import type { Clock } from "./clock.js";
import { type Command, describeCommand } from "./commands.js";
import { messageOf, RuntimeError } from "./errors.js";
import type { Log } from "./log.js";
import type { IntegrationResponse, SubmissionFailure } from "./responses.js";
import type { StatusBoard } from "./status.js";

export type SubmitOutcome = { ok: true; results: CommandResult[] } | { ok: false; failure: SubmissionFailure };

export interface SubmitOptions {
  timeoutSeconds: number;
  errorHandler?: IntegrationResponse["errorHandler"];
}

export class Submitter {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly ledger: () => LedgerClient,
    private readonly clock: Clock,
    private readonly status: StatusBoard,
    private readonly metrics: FrameworkMetrics,
    private readonly log: Log,
  ) {}

  submit(commands: readonly Command[], options: SubmitOptions): Promise<SubmitOutcome> {
    const run = this.run(commands, options);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  /** Resolves when every submission in flight has finished, or at the deadline. */
  async drain(deadline: Promise<void>): Promise<boolean> {
    const all = Promise.allSettled([...this.inFlight]).then(() => true);
    return Promise.race([all, deadline.then(() => false)]);
  }

  get pending(): number {
    return this.inFlight.size;
  }

  private async run(commands: readonly Command[], options: SubmitOptions): Promise<SubmitOutcome> {
    const results: CommandResult[] = [];
    let timedOut = false;
    let timer: ReturnType<Clock["setTimeout"]> | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = this.clock.setTimeout(() => {
        timedOut = true;
        resolve("timeout");
      }, options.timeoutSeconds * 1000);
    });
    try {
      for (const [index, command] of commands.entries()) {
        // A command not yet sent when the timeout hits is never sent; one already sent may still commit.
        if (timedOut) return await this.fail(commands, index, this.timeoutError(options.timeoutSeconds), options);
        const call = this.send(command);
        const outcome = await Promise.race([call.then((r) => ({ r }), (e: unknown) => ({ e })), timeout]);
        if (outcome === "timeout") return await this.fail(commands, index, this.timeoutError(options.timeoutSeconds), options);
        if ("e" in outcome) return await this.fail(commands, index, outcome.e, options);
        results.push(outcome.r);
        this.status.recordSubmission(true, 1);
      }
      return { ok: true, results };
    } finally {
      if (timer) this.clock.clearTimeout(timer);
    }
  }

  private send(command: Command): Promise<CommandResult> {
    const ledger = this.ledger();
    switch (command.kind) {
      case "create":
        return ledger.create(command.templateId, command.payload);
      case "exercise":
        return ledger.exercise(command.templateId, command.contractId, command.choice, command.argument);
      case "createAndExercise":
        return ledger.createAndExercise(command.templateId, command.payload, command.choice, command.argument);
      case "exerciseByKey":
        return ledger.exerciseByKey(command.templateId, command.key, command.choice, command.argument);
    }
  }

  private timeoutError(seconds: number): RuntimeError {
    return new RuntimeError("submission/timeout", `command submission did not complete within ${seconds} s`);
  }

  private async fail(commands: readonly Command[], index: number, cause: unknown, options: SubmitOptions): Promise<SubmitOutcome> {
    const command = commands[index] as Command;
    const error = cause instanceof Error ? cause : new RuntimeError("submission/failed", messageOf(cause));
    const failure: SubmissionFailure = { error, command, index, notSent: commands.slice(index + 1) };
    this.status.recordSubmission(false, 1, error);
    this.metrics.countSubmissionFailure();
    const skipped = failure.notSent.length > 0 ? `; ${failure.notSent.length} later command(s) not sent` : "";
    this.log.warn(`There was an exception when submitting commands! ${describeCommand(command)}: ${error.message}${skipped}`);
    if (options.errorHandler) {
      try {
        await options.errorHandler(failure);
      } catch (handlerError) {
        this.log.warn(`the errorHandler failed: ${messageOf(handlerError)}`);
      }
    }
    return { ok: false, failure };
  }
}
