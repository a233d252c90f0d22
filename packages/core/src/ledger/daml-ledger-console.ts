// @daml/ledger 2.10.4 prints what the JSON API answers to failed calls (and stream warnings) with console.log,
// console.warn and console.error: raw objects in `dit run`'s output, beside our own log lines. The calls that
// come from @daml/ledger's own code are sent to the ledger logger instead, at debug level: the failures reach the
// runtime anyway, as LedgerErrors it logs with their context. Everything else, an integration's own console output
// included, is untouched.
import { inspect } from "node:util";
import type { Log } from "../runtime/log.js";

const FROM_DAML_LEDGER = /[\\/]@daml[\\/]ledger[\\/]/;
let sink: Log | undefined;

export function routeDamlLedgerConsole(log: Log): void {
  if (sink === undefined) {
    for (const method of ["log", "warn", "error"] as const) {
      const original = console[method].bind(console);
      console[method] = (...args: unknown[]) => {
        // The stack is read only when there is somewhere else to send the line.
        if (sink !== undefined && FROM_DAML_LEDGER.test(new Error().stack ?? "")) {
          sink.debug(`@daml/ledger: ${args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 4, breakLength: Infinity }))).join(" ")}`);
          return;
        }
        original(...args);
      };
    }
  }
  sink = log;
}
