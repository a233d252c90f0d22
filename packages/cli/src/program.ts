import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { DitError, EXIT, type ExitCode } from "./errors.js";
import { type CliIo, colorsFor } from "./io.js";

const VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

/**
 * The `dit` program. Command implementations are imported when a command runs, so `dit --help` stays fast.
 * Each action resolves to an exit code; errors are printed in one place (`run`).
 */
export function createProgram(io: CliIo, setExitCode: (code: ExitCode) => void): Command {
  const program = new Command("dit")
    .description("Build, validate, package and run Daml ledger integrations")
    .version(VERSION, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();

  program
    .command("init")
    .description("Scaffold a new integration (or application) project: metadata, src/main.ts, int_args.yaml, pkg/")
    .argument("[dir]", "the project directory (created if missing)", ".")
    .option("--name <name>", "catalog name (default: the directory's name, normalised)")
    .addOption(new Option("--integration", "an integration: metadata, TypeScript source, package.json (the default)").conflicts("application"))
    .addOption(new Option("--application", "an application: metadata and pkg/ only, no integration types").conflicts("integration"))
    .option("--type-id <id>", "the integration type's id (default: main)")
    .option("--author <name>", "catalog.author (default: git config user.name)")
    .option("--force", "write into a non-empty directory, overwriting the scaffold's files if they exist")
    .option("--json", "print {dir, kind, name, typeId, files[], overwritten[]} on stdout instead of the summary")
    .addHelpText("after", "\nExit codes: 0 written, 1 files would be overwritten or the directory is not empty (pass --force), 2 usage error.")
    .action(async (dir: string, options) => {
      const { runInit } = await import("./commands/init.js");
      setExitCode(await runInit(dir, options, io));
    });

  program
    .command("validate")
    .description("Check dit-meta.yaml / dabl-meta.yaml (and optionally int_args.yaml) the way Daml Hub reads them")
    .argument("[path]", "a metadata file, daml.yaml with a dit-meta key, or a project directory", ".")
    .option("--int-args <file>", "also check this int_args.yaml against the metadata")
    .option("--type <id>", "integration type to check int_args.yaml against (default: its type_id)")
    .option("--json", "print the result as JSON on stdout")
    .addOption(new Option("--format <format>", "github: one workflow-command annotation per finding (::error file=…,line=…::…)")
      .choices(["github"]).conflicts("json"))
    .option("--strict", "fail on warnings too")
    .addHelpText("after", "\nExit codes: 0 valid, 1 invalid, 2 usage error or unreadable input.")
    .action(async (path: string, options) => {
      const { runValidate } = await import("./commands/validate.js");
      setExitCode(await runValidate(path, options, io));
    });

  program
    .command("genargs")
    .description("Write an int_args.yaml for an integration type, with defaults and a comment per field")
    .argument("[path]", "a metadata file or a project directory", ".")
    .option("--type <id>", "integration type (needed when the metadata declares several)")
    .addOption(new Option("-o, --output <file>", "where to write it; - for stdout (default: int_args.yaml in the project)"))
    .option("--force", "overwrite an existing file")
    .addHelpText("after", "\nExit codes: 0 written, 1 failed (invalid metadata, file exists), 2 usage error or unreadable input.")
    .action(async (path: string, options) => {
      const { runGenargs } = await import("./commands/genargs.js");
      setExitCode(await runGenargs(path, options, io));
    });

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  program
    .command("pack")
    .description("Package a project as a reproducible DIT file (validated, self-checked)")
    .argument("[dir]", "the project directory", ".")
    .addOption(new Option("-o, --output <file>", "where to write the DIT (default: <dir>/{catalog.name}-{catalog.version}.dit)"))
    .option("--dar <file>", "the model DAR (default: the DAR daml.yaml builds to, if there is a daml.yaml)", collect)
    .option("--subdeployment <file>", "another file to deploy with the DIT (repeatable)", collect)
    .option("--release-date <date>", "catalog.release_date: YYYY-MM-DD or today (default: SOURCE_DATE_EPOCH's date, else the metadata's)")
    .option("--force", "overwrite an existing output file")
    .addHelpText("after", "\nReproducible: SOURCE_DATE_EPOCH sets every entry's timestamp (default 1980-01-01).\n" +
      "Exit codes: 0 written, 1 failed (invalid metadata, missing file, bad DAR, self-check), 2 usage error or unreadable input.")
    .action(async (dir: string, options) => {
      const { runPack } = await import("./commands/pack.js");
      setExitCode(await runPack(dir, options, io));
    });

  program
    .command("test")
    .description("Run the project's tests (*.test.ts, with @dit/core/testing) on Node's test runner; no install needed")
    .argument("[dir]", "the project directory", ".")
    .option("--name-pattern <regex>", "run only the tests whose name matches (node --test-name-pattern)")
    .addHelpText("after", "\nThe tests are bundled with esbuild into DIR/.dit/test/ (types are not checked: run tsc for that) and run with\n" +
      "`node --test` in DIR; @dit/core and @daml/* are this dit's own, as for `dit run`.\n" +
      "Exit codes: 0 every test passed, 1 a test failed (or no test file was found, or bundling failed), 2 usage error.")
    .action(async (dir: string, options) => {
      const { runTest } = await import("./commands/test.js");
      setExitCode(await runTest(dir, options, io));
    });

  program
    .command("inspect")
    .description("Show what a DIT file (ours or the original tooling's) or a DAR contains")
    .argument("<file>", "a .dit or .dar file")
    .option("--json", "print the report as JSON on stdout")
    .addHelpText("after", "\nExit codes: 0 ok, 1 invalid content (bad metadata, missing subdeployment, package id mismatch), 2 unreadable input or usage error.")
    .action(async (file: string, options) => {
      const { runInspect } = await import("./commands/inspect.js");
      setExitCode(await runInspect(file, options, io));
    });

  program
    .command("run")
    .description("Run an integration (a directory or a .dit file) against a running JSON API (Daml 2.x, JSON API v1)")
    .argument("[path]", "the integration directory (with dit-meta.yaml and int_args.yaml), or a .dit file", ".")
    .option("--ledger-url <url>", "JSON API base URL (default: DABL_LEDGER_URL or http://localhost:7575)")
    .option("--party <party>", "run-as party (default: DAML_LEDGER_PARTY, then runAs in int_args.yaml)")
    .option("--type <id>", "integration type (default: DABL_INTEGRATION_TYPE_ID, then type_id in int_args.yaml)")
    .option("--args <file>", "the int_args.yaml to use (default: DABL_INTEGRATION_METADATA_PATH in the directory; for a .dit, in the current directory)")
    .option("--port <n>", "HTTP port for health, status, metrics and webhooks (default: DABL_HEALTH_PORT or 8089)")
    .option("--host <address>", "address to listen on (default: 0.0.0.0, as on Daml Hub; 127.0.0.1 for this machine only)")
    .option("--token <jwt>", "ledger bearer token (default: DAML_LEDGER_TOKEN, else a development token signed with the secret \"secret\")")
    .addOption(new Option("--sandbox-secret <secret>", "sign a development token for --party with this HS256 secret (a sandbox's shared secret)")
      .conflicts("token"))
    .addOption(new Option("--sandbox", "start a local Daml ledger for this run (Daml Sandbox 1.13.1 + JSON API; needs Java and Maven): the integration's DARs are uploaded and its party allocated")
      .conflicts(["ledgerUrl", "token", "sandboxSecret"]))
    .addHelpText("after", "\nExit codes: 0 stopped by SIGTERM/SIGINT, 1 invalid metadata/int_args or port in use, 9 framework failure.")
    .action(async (path: string, options) => {
      const { runRun } = await import("./commands/run.js");
      setExitCode(await runRun(path, options, io));
    });

  program
    .command("sandbox")
    .description("Run a local Daml ledger: Daml Sandbox 1.13.1 (from Maven Central; needs Java and Maven) with a JSON API v1 in front of it")
    .argument("[dars...]", "DAR files to upload")
    .option("--party <name...>", "parties to allocate (their tokens are printed)")
    .option("--port <n>", "JSON API port", "7575")
    .option("--ledger-port <n>", "Ledger API (gRPC) port (default: any free one)")
    .option("--ledger-id <id>", "ledger id, the ledgerId of tokens (default: DABL_LEDGER_ID, else sandbox)")
    .addHelpText("after", "\nRuns until SIGINT/SIGTERM. Exit codes: 0 stopped, 1 the sandbox could not start or refused a DAR, 2 usage.")
    .action(async (dars: string[], options) => {
      const { runSandbox } = await import("./commands/sandbox.js");
      setExitCode(await runSandbox(dars, options, io));
    });

  return program;
}

/** Runs `dit` with `argv` (without node and script), returning the exit code instead of exiting. */
export async function run(argv: string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const program = createProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: CliIo): ExitCode {
  if (error instanceof CommanderError) {
    // Help and version requests are successes; every other parse failure is a usage error.
    return error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help"
      ? EXIT.ok
      : EXIT.usage;
  }
  const colors = colorsFor(io.stderr, io.env);
  if (error instanceof DitError) {
    io.stderr.write(`${colors.red("dit:")} ${error.message}\n`);
    if (error.options.hint) io.stderr.write(`  ${colors.cyan("hint:")} ${error.options.hint}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`${colors.red("dit: internal error (this is a bug, please report it):")}\n${detail}\n`);
  return EXIT.failed;
}
