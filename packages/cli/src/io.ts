import { Chalk, type ChalkInstance } from "chalk";

/** Where a command writes and what it sees; tests pass their own to run commands in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  cwd: string;
  env: Record<string, string | undefined>;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/**
 * Colour only for terminals: NO_COLOR (non-empty) turns it off, FORCE_COLOR turns it on, TERM=dumb and pipes get none.
 * See https://no-color.org.
 */
export function colorsFor(stream: CliIo["stdout"], env: CliIo["env"]): ChalkInstance {
  const force = env.FORCE_COLOR;
  let level: 0 | 1 | 2 | 3 = 0;
  if (force !== undefined && force !== "") level = force === "0" || force === "false" ? 0 : 1;
  else if (env.NO_COLOR) level = 0;
  else if (stream.isTTY && env.TERM !== "dumb") level = 1;
  return new Chalk({ level });
}
