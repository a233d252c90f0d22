// `dit run`: metadata → int_args (validated, coerced) → party → entrypoint and env → host listening → ledger.
// Exit codes follow the runtime: 0 after SIGTERM/SIGINT, 9 for framework failures (`=== FATAL ERROR ===`),
// 1 for invalid metadata/int_args, a port in use or a failed background task.
import { createHmac } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { DitFileError, extractDit } from "@dit/dit-file";
import {
  createLogging, createMetrics, damlModelFromDar, projectDars, describeConfig, type DitConfig, type DitLogging, IntegrationRuntime, JsonApiLedger, type Log, readConfig,
  redactConfig, redactUrl,
  setIntegrationLogger, startHost,
} from "@dit/core";
import { DABL_META_NAME, type DamlModelInfo, type Diagnostic, type IntegrationConfig, loadIntArgs, loadMetadata } from "@dit/meta";
import { EXIT, type ExitCode } from "../errors.js";
import { formatDiagnostic } from "../format.js";
import { type CliIo, colorsFor } from "../io.js";
import { registerHostModules } from "../lib/host-modules.js";
import { type LocalLedger, startLocalLedger } from "../lib/local-ledger.js";

export interface RunOptions {
  ledgerUrl?: string;
  party?: string;
  type?: string;
  args?: string;
  port?: string;
  token?: string;
  sandboxSecret?: string;
  host?: string;
  sandbox?: boolean;
}

/** The original's framework failure code. */
const SHUTDOWN_DEADLINE_MS = 10_000;

export async function runRun(pathArg: string | undefined, options: RunOptions, io: CliIo): Promise<ExitCode> {
  const target = resolve(io.cwd, pathArg ?? ".");
  const env = { ...io.env, ...(options.port !== undefined ? { DABL_HEALTH_PORT: options.port } : {}) };
  const read = readConfig(env);
  if (!read.ok) return fatal(io, read.error.message);
  const config: DitConfig = read.config;

  // A DIT runs from its extraction, like a project directory; its int_args.yaml is the caller's, not the DIT's.
  const packed = target.endsWith(".dit") && statSync(target, { throwIfNoEntry: false })?.isFile() === true;
  let dir = target;
  if (packed) {
    const extracted = extractPackedDit(target, io);
    if (typeof extracted === "number") return extracted;
    dir = extracted;
  }
  // Inside a DIT both metadata names hold the same text; the runtime reads dabl-meta.yaml, as the original does.
  const metadata = loadMetadata(packed ? join(dir, DABL_META_NAME) : dir);
  if (!metadata.ok || !metadata.metadata) return invalid(io, metadata.diagnostics, metadata.sources);
  const argsFile = resolve(io.cwd, options.args ?? (packed ? config.metadataPath : join(dir, config.metadataPath)));
  if (!existsSync(argsFile)) return fatal(io, `No metadata file. Terminating without running (no ${argsFile})`);
  const typeId = options.type ?? config.integrationTypeId;
  const intArgs = loadIntArgs(argsFile, metadata.metadata, typeId ? { typeId } : {});
  if (!intArgs.ok || !intArgs.config) return invalid(io, intArgs.diagnostics, { ...metadata.sources, ...intArgs.sources });

  const party = options.party || config.party || intArgs.config.runAsParty;
  if (!party) return fatal(io, "DAML_LEDGER_PARTY environment variable undefined.");
  const damlModel = metadata.normalized?.daml_model ?? damlModelFromDar(dir);
  const integration: Integration = { dir, config, intArgs: intArgs.config, party, damlModel };
  if (!options.sandbox) {
    const token = options.token ?? (options.sandboxSecret !== undefined ? undefined : config.ledgerToken)
      ?? developmentToken(party, config, options.sandboxSecret ?? "secret");
    return serve(integration, options.ledgerUrl ?? config.ledgerUrl, token, options, io);
  }
  // --sandbox: a local Daml ledger with the integration's DARs and its party, for this run only.
  const abort = () => process.exit(EXIT.ok);
  process.once("SIGTERM", abort).once("SIGINT", abort);
  let local: LocalLedger;
  try {
    local = await startLocalLedger({ ledgerId: config.ledgerId, dars: projectDars(dir), parties: [party], progress: (line) => io.stderr.write(`${line}\n`) });
  } catch (error) {
    io.stderr.write(`dit run --sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  } finally {
    process.off("SIGTERM", abort).off("SIGINT", abort);
  }
  io.stderr.write(`Daml Sandbox on ${local.ledgerAddress} (ledger id ${local.ledgerId}), JSON API ${local.url}\n`);
  try {
    const runAs = local.parties.get(party) ?? party;
    return await serve({ ...integration, party: runAs }, local.url, local.token([runAs]), options, io);
  } finally {
    await local.stop();
  }
}

interface Integration {
  dir: string;
  config: DitConfig;
  intArgs: IntegrationConfig;
  party: string;
  damlModel: DamlModelInfo | null;
}

/** The integration's host and runtime against the JSON API at `ledgerUrl`, until they stop. */
async function serve(integration: Integration, ledgerUrl: string, token: string, options: RunOptions, io: CliIo): Promise<ExitCode> {
  const { dir, config, party, damlModel, intArgs } = integration;

  // @dit/core and @daml/* are the host's, for a project as for a DIT: the integration imports the very modules the
  // runtime uses, and needs no install of them.
  registerHostModules();
  const logging = createLogging({ level: config.logLevel, format: config.logFormat, secrets: [token] });
  const log = asLog(logging.framework);
  setIntegrationLogger(asLog(logging.integration));
  log.info("Initializing dabl-integration...");
  log.info(`Configuration: ${JSON.stringify(describeConfig({ ...config, ledgerUrl, ledgerToken: token }))}`);
  // The original logged every config value; secret-looking ones (and fields marked secret) are redacted here.
  const secretIds = intArgs.type.fields.filter((f) => /secret|password|credential/i.test(f.field_context ?? "")).map((f) => f.id);
  log.info(`Starting integration with metadata: ${JSON.stringify(redactConfig(intArgs.raw, secretIds))}`);
  log.info(`Running as party: ${party}`);
  const ledger = new JsonApiLedger({ url: ledgerUrl, token, log: asLog(logging.ledger) });
  const metrics = createMetrics();
  const loaded = await IntegrationRuntime.load({
    root: dir, config: intArgs, damlModel, party, ledger, log, metrics, queueSize: config.queueSize,
  });
  if (!loaded.ok) {
    metrics.close();
    log.error(`Error initializing integration, shutting down: ${loaded.error.message}`);
    return fatal(io, loaded.error.message, logging);
  }
  const runtime = loaded.runtime;
  const webhooks = runtime.webhooks();
  // Signals are handled from here on, so a SIGTERM during start-up also ends in a clean exit 0, not a kill.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: draining (up to ${SHUTDOWN_DEADLINE_MS / 1000} s)`);
    void runtime.shutdown(SHUTDOWN_DEADLINE_MS);
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));

  let host;
  try {
    host = await startHost({ config, logger: logging, status: () => runtime.snapshot(), webhooks, runAsParty: party, metrics,
      port: config.healthPort, ...(options.host !== undefined ? { host: options.host } : {}) });
  } catch (error) {
    metrics.close();
    io.stderr.write(`dit: cannot listen on port ${config.healthPort}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }

  const colors = colorsFor(io.stdout, io.env);
  const base = `http://localhost:${host.port}`;
  io.stdout.write(`${colors.green("✔")} ${intArgs.type.name} (${intArgs.typeId}) as ${party}, ledger ${redactUrl(ledgerUrl)}\n`);
  io.stdout.write(`  status:  ${base}/status  (health: ${base}/healthz, metrics: ${base}/metrics)\n`);
  for (const w of webhooks) {
    io.stdout.write(`  webhook: ${w.method.padEnd(4)} ${base}/integration/local${w.urlSuffix}${w.label ? `  (${w.label})` : ""}\n`);
  }

  if (!stopping) runtime.start();

  const exit = await runtime.exit;
  if (exit.code === 9) logging.framework.error(`=== FATAL ERROR: ${exit.reason} ===`);
  await host.close();
  await ledger.close();
  metrics.close();
  logging.flush(); // access lines are batched; write them before the process ends
  // Nothing should be left, but a stray handle must not keep a stopped integration alive.
  setTimeout(() => process.exit(exit.code), 2000).unref();
  return exit.code;
}

/** Extracts a DIT into the cache, keyed by its sha256. */
function extractPackedDit(file: string, io: CliIo): string | ExitCode {
  const cacheRoot = io.env.DIT_CACHE_DIR || join(io.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "dit");
  try {
    return extractDit(file, join(cacheRoot, "dits")).dir;
  } catch (error) {
    if (!(error instanceof DitFileError)) throw error;
    io.stderr.write(`dit: ${error.message}\n`);
    return error.code === "io/unreadable" ? EXIT.usage : EXIT.failed;
  }
}

/** The original's fatal line, through the framework logger once there is one. */
function fatal(io: CliIo, message: string, logging?: DitLogging): ExitCode {
  if (logging) {
    logging.framework.error(`=== FATAL ERROR: ${message} ===`);
    logging.flush();
  } else {
    io.stderr.write(`=== FATAL ERROR: ${message} ===\n`);
  }
  return EXIT.fatal;
}

function invalid(io: CliIo, diagnostics: Diagnostic[], sources: Record<string, string>): ExitCode {
  const colors = colorsFor(io.stderr, io.env);
  for (const d of diagnostics.filter((x) => x.severity === "error")) io.stderr.write(formatDiagnostic(d, { cwd: io.cwd, colors, sources }) + "\n\n");
  return EXIT.failed;
}

/**
 * Without --token / DAML_LEDGER_TOKEN: a legacy-claims token for a JSON API whose ledger does not check signatures
 * (a development sandbox), signed with the throwaway HS256 secret "secret". A real ledger needs a real token.
 */
/** An HS256 token in the 1.x claim form, for a sandbox that checks tokens with a shared secret (or none at all). */
function developmentToken(party: string, config: DitConfig, secret: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const body = `${encode({ alg: "HS256", typ: "JWT" })}.${encode({
    "https://daml.com/ledger-api": { ledgerId: config.ledgerId, applicationId: config.applicationName ?? "dit", actAs: [party], readAs: [party] },
  })}`;
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

function asLog(logger: { debug(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void }): Log {
  return { debug: (m) => logger.debug(m), info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) };
}
