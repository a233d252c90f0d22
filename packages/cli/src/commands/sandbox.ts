// `dit sandbox [DAR...]`: a local Daml ledger (Daml Sandbox 1.13.1 + the JSON API v1) until SIGINT/SIGTERM.
import { resolve } from "node:path";
import { EXIT, type ExitCode } from "../errors.js";
import { type CliIo, colorsFor } from "../io.js";
import { startLocalLedger } from "../lib/local-ledger.js";

export interface SandboxOptions {
  party?: string[];
  port?: string;
  ledgerPort?: string;
  ledgerId?: string;
}

export async function runSandbox(darArgs: string[], options: SandboxOptions, io: CliIo): Promise<ExitCode> {
  const port = parsePort(options.port ?? "7575", "--port", io);
  const ledgerPort = parsePort(options.ledgerPort ?? "0", "--ledger-port", io);
  if (port === undefined || ledgerPort === undefined) return EXIT.usage;
  const ledgerId = options.ledgerId ?? io.env.DABL_LEDGER_ID ?? "sandbox";
  let ledger;
  try {
    ledger = await startLocalLedger({
      ledgerId, dars: darArgs.map((d) => resolve(io.cwd, d)), parties: options.party ?? [], jsonApiPort: port, ledgerPort,
      progress: (line) => io.stderr.write(`${line}\n`),
    });
  } catch (error) {
    io.stderr.write(`dit sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
  const colors = colorsFor(io.stdout, io.env);
  io.stdout.write(`${colors.green("✔")} Daml Sandbox on ${ledger.ledgerAddress} (ledger id ${ledgerId})\n`);
  io.stdout.write(`  JSON API v1: ${ledger.url}\n`);
  for (const [name, id] of ledger.parties) io.stdout.write(`  party ${name}: ${id}  token: ${ledger.token([id])}\n`);
  io.stdout.write(`  run an integration on it: dit run DIR --ledger-url ${ledger.url} --party P  (with DABL_LEDGER_ID=${ledgerId})\n`);
  await new Promise<void>((done) => {
    process.once("SIGINT", () => done());
    process.once("SIGTERM", () => done());
  });
  await ledger.stop();
  return EXIT.ok;
}

function parsePort(text: string, flag: string, io: CliIo): number | undefined {
  const port = Number(text);
  if (Number.isInteger(port) && port >= 0 && port < 65536) return port;
  io.stderr.write(`dit sandbox: ${flag} must be a port number (0–65535), got ${JSON.stringify(text)}\n`);
  return undefined;
}
