// The wrapper around every handler call (spec §3.10): count the use, run the handler, normalise what it returned,
// count and submit the commands. A handler error is counted on its row, logged, and the event is dropped.
import type { FrameworkMetrics, HandlerKind } from "../contract.js";
import type { Clock } from "./clock.js";
import { describeError } from "./errors.js";
import type { Log } from "./log.js";
import { type NormalizedResponse, normalizeResult } from "./normalize.js";
import type { HandlerRow } from "./status.js";
import type { Submitter, SubmitOutcome } from "./submitter.js";

export interface InvokeContext {
  clock: Clock;
  metrics: FrameworkMetrics;
  log: Log;
  submitter: Submitter;
}

export type InvokeOutcome =
  | { ok: true; response: NormalizedResponse; submission: SubmitOutcome | undefined }
  | { ok: false; error: unknown };

export async function invokeHandler(ctx: InvokeContext, kind: HandlerKind, row: HandlerRow, call: () => unknown): Promise<InvokeOutcome> {
  row.useCount++;
  ctx.metrics.countEvent(kind);
  const started = ctx.clock.now();
  let response: NormalizedResponse;
  try {
    response = normalizeResult(await call());
  } catch (error) {
    row.recordError(error, ctx.clock.now());
    ctx.metrics.countHandlerError(kind);
    ctx.log.error(`Error while processing: ${describeError(error)}${error instanceof Error && error.stack ? `\n${error.stack}` : ""}`);
    observe(ctx, kind, started);
    return { ok: false, error };
  }
  let submission: SubmitOutcome | undefined;
  if (response.commands.length > 0) {
    // Counted before submitting, as in the original.
    row.commandCount += response.commands.length;
    ctx.metrics.countCommands(response.commands.length);
    submission = await ctx.submitter.submit(response.commands, {
      timeoutSeconds: response.commandTimeoutSeconds,
      ...(response.errorHandler ? { errorHandler: response.errorHandler } : {}),
    });
  }
  observe(ctx, kind, started);
  return { ok: true, response, submission };
}

function observe(ctx: InvokeContext, kind: HandlerKind, started: number): void {
  ctx.metrics.observeHandlerSeconds(kind, (ctx.clock.now() - started) / 1000);
}

export const noMetrics: FrameworkMetrics = {
  countEvent: () => {}, countHandlerError: () => {}, countCommands: () => {}, countSubmissionFailure: () => {},
  observeHandlerSeconds: () => {},
};
