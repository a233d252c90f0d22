// The real Daml ledger for dit's tests and benchmarks, from the command line (needs `pnpm build`):
//   node scripts/real-ledger/sandbox.mjs classpath     resolve (and cache) the Java classpath with Maven
//   node scripts/real-ledger/sandbox.mjs start [--port N] [--port-file F] [--ledger-id ID] [DAR...]
// The work is @dit/daml-sandbox's (packages/daml-sandbox); `dit sandbox` is the user-facing command.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { damlSandboxClasspath, DAML_SANDBOX_VERSION, startDamlSandbox } from "../../packages/daml-sandbox/dist/index.js";

// The repository's own cache (git-ignored), shared with the tests' global setup.
const cacheDir = join(dirname(fileURLToPath(import.meta.url)), "../../.cache/real-ledger");
export const sandboxClasspath = () => damlSandboxClasspath(cacheDir);
export const startSandbox = (options = {}) => startDamlSandbox({ cacheDir, ...options });

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "classpath") {
    console.log(await sandboxClasspath());
  } else if (command === "start") {
    const options = { dars: [] };
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === "--port") options.port = Number(rest[++i]);
      else if (rest[i] === "--port-file") options.portFile = resolve(rest[++i]);
      else if (rest[i] === "--ledger-id") options.ledgerId = rest[++i];
      else options.dars.push(resolve(rest[i]));
    }
    const sandbox = await startSandbox({ ...options, log: (text) => process.stdout.write(text) });
    console.log(`sandbox ${DAML_SANDBOX_VERSION} serving the Ledger API on ${sandbox.address} (ledger id ${sandbox.ledgerId})`);
    const stop = () => void sandbox.stop().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } else {
    console.error("usage: sandbox.mjs classpath | start [--port N] [--port-file F] [--ledger-id ID] [DAR...]");
    process.exit(2);
  }
}
