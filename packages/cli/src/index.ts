// @dit/cli: the `dit` command line. `run` executes it in-process (for tests and embedding).
export { createProgram, run } from "./program.js";
export { DitError, EXIT, type ExitCode } from "./errors.js";
export { type CliIo, processIo } from "./io.js";
