// Helpers shared by the host's tests (not exported from the package).
import { createLogging, type DitLogging, type LoggingOptions } from "../src/host/logging.js";

/** A logging setup whose lines are kept in memory, synchronously. */
export function captureLogging(options: Omit<LoggingOptions, "destination"> = {}): DitLogging & { lines: string[]; text(): string } {
  const lines: string[] = [];
  const logging = createLogging({ ...options, destination: { write: (line: string) => { lines.push(line); } } });
  return Object.assign(logging, { lines, text: () => lines.join("") });
}
