// Submission (spec §3.11): the commands of one response go out in order, each its own JSON API call — JSON API v1
// has no multi-command transaction, so a response is NOT atomic as it was with dazl. The first failure (or the
// timeout) stops the rest, is counted in status `submissions` and metrics, and is given to the errorHandler.
// Each command carries its own command id. When a call gets no answer (the JSON API unreachable, or a 502/503/504)
// it is sent again with the same id, with back-off, until the response's timeout: the ledger de-duplicates by
// command id, so a "duplicate command" refusal of a resend means the first attempt committed (extension: the
// original neither set ids nor resent).
import { randomUUID } from "node:crypto";
import type { FrameworkMetrics } from "../contract.js";
import { type CommandResult, type LedgerClient, LedgerError } from "../ledger/types.js";
import type { Clock } from "./clock.js";
import { type Command, describeCommand } from "./commands.js";
import { messageOf, RuntimeError } from "./errors.js";
import type { Log } from "./log.js";
import type { IntegrationResponse, SubmissionFailure } from "./responses.js";
import type { StatusBoard } from "./status.js";

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5_000;

/** No answer, so the command may or may not have committed: safe to resend with the same command id. */
const isUnanswered = (error: unknown): boolean =>
  error instanceof LedgerError && (error.code === "ledger/unreachable" || error.status === 502 || error.status === 503 || error.status === 504);
const isDuplicateCommand = (error: unknown): boolean =>
  error instanceof LedgerError && error.status === 409 && /duplicate command/i.test([error.message, ...error.errors].join(" "));

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
        const call = this.sendUntilAnswered(command, () => timedOut);
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

  private async sendUntilAnswered(command: Command, timedOut: () => boolean): Promise<CommandResult> {
    const meta = { commandId: `dit-${randomUUID()}` };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(command, meta);
      } catch (error) {
        if (attempt > 1 && isDuplicateCommand(error)) {
          this.log.info(`${describeCommand(command)}: committed by an earlier attempt (the ledger refused the resend as a duplicate)`);
          return { events: [] };
        }
        if (!isUnanswered(error) || timedOut()) throw error;
        const delayMs = Math.min(RETRY_FIRST_MS * 2 ** (attempt - 1), RETRY_MAX_MS);
        this.log.warn(`${describeCommand(command)}: no answer from the ledger (${messageOf(error)}); sending it again in ${delayMs} ms`);
        await new Promise<void>((resolve) => this.clock.setTimeout(resolve, delayMs));
        if (timedOut()) throw error;
      }
    }
  }

  private send(command: Command, meta: { commandId: string }): Promise<CommandResult> {
    const ledger = this.ledger();
    switch (command.kind) {
      case "create":
        return ledger.create(command.templateId, command.payload, meta);
      case "exercise":
        return ledger.exercise(command.templateId, command.contractId, command.choice, command.argument, meta);
      case "createAndExercise":
        return ledger.createAndExercise(command.templateId, command.payload, command.choice, command.argument, meta);
      case "exerciseByKey":
        return ledger.exerciseByKey(command.templateId, command.key, command.choice, command.argument, meta);
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
