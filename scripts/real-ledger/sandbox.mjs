// Runs a real Daml ledger (Daml Sandbox 1.13.1 from Maven Central, gRPC Ledger API v1) for dit's tests.
//   node scripts/real-ledger/sandbox.mjs classpath     resolve (and cache) the Java classpath with Maven
//   node scripts/real-ledger/sandbox.mjs start [--port N] [--port-file F] [--ledger-id ID] [DAR...]
// The classpath is cached in .cache/real-ledger/ keyed by this directory's pom.xml, so only the first run downloads.
import { spawn, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
export const SANDBOX_VERSION = "1.13.1";
export const SANDBOX_MAIN = "com.daml.platform.sandboxnext.Main";
const cacheDir = join(repo, ".cache/real-ledger");

/** The Java classpath of the sandbox, from Maven (network on first use only). Throws with Maven's output on failure. */
export function sandboxClasspath() {
  const pom = join(here, "pom.xml");
  const key = createHash("sha256").update(readFileSync(pom)).digest("hex").slice(0, 16);
  const cached = join(cacheDir, `classpath-${key}.txt`);
  if (existsSync(cached)) {
    const classpath = readFileSync(cached, "utf8").trim();
    if (classpath.split(":").every((jar) => existsSync(jar))) return classpath;
  }
  mkdirSync(cacheDir, { recursive: true });
  const out = `${cached}.tmp-${process.pid}`;
  try {
    execFileSync("mvn", ["-q", "-B", "-f", pom, "dependency:build-classpath", `-Dmdep.outputFile=${out}`], { stdio: ["ignore", "pipe", "pipe"], timeout: 15 * 60_000 });
  } catch (error) {
    const output = `${error.stdout ?? ""}${error.stderr ?? ""}`.trim().split("\n").slice(-20).join("\n");
    throw new Error(`Maven could not resolve com.daml:sandbox_2.13:${SANDBOX_VERSION} (${error.message.split("\n")[0]})\n${output}`);
  }
  const classpath = readFileSync(out, "utf8").trim();
  writeFileSync(cached, classpath + "\n");
  rmSync(out, { force: true });
  return classpath;
}

/**
 * Starts the sandbox; resolves once its Ledger API port is written (the sandbox writes the port file only when it
 * serves). Returns `{ address, port, ledgerId, process, stop() }`.
 */
export async function startSandbox({ port = 0, ledgerId = "dit-sandbox", dars = [], portFile, timeoutMs = 180_000, log } = {}) {
  const classpath = sandboxClasspath();
  const file = portFile ?? join(cacheDir, `sandbox-${process.pid}-${Date.now()}.port`);
  rmSync(file, { force: true });
  mkdirSync(dirname(file), { recursive: true });
  const args = ["-Xss8m", "-XX:+UseSerialGC", "-cp", classpath, SANDBOX_MAIN, "-a", "127.0.0.1", "-p", String(port), "--port-file", file, "--ledgerid", ledgerId, ...dars];
  const child = spawn("java", args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
    log?.(chunk.toString());
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((done) => child.once("exit", (code, signal) => done({ code, signal })));
  const started = Date.now();
  for (;;) {
    if (existsSync(file)) {
      const text = readFileSync(file, "utf8").trim();
      if (/^\d+$/.test(text)) {
        const actual = Number(text);
        return {
          address: `127.0.0.1:${actual}`,
          port: actual,
          ledgerId,
          process: child,
          output: () => output,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
            await exited;
            rmSync(file, { force: true });
          },
        };
      }
    }
    const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 200))]);
    if (done) throw new Error(`the Daml sandbox exited (${done.code ?? done.signal}) before serving:\n${output.slice(-4000)}`);
    if (Date.now() - started > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`the Daml sandbox did not serve within ${timeoutMs / 1000} s:\n${output.slice(-4000)}`);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "classpath") {
    console.log(sandboxClasspath());
  } else if (command === "start") {
    const options = { dars: [] };
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === "--port") options.port = Number(rest[++i]);
      else if (rest[i] === "--port-file") options.portFile = resolve(rest[++i]);
      else if (rest[i] === "--ledger-id") options.ledgerId = rest[++i];
      else options.dars.push(resolve(rest[i]));
    }
    const sandbox = await startSandbox({ ...options, log: (text) => process.stdout.write(text) });
    console.log(`sandbox ${SANDBOX_VERSION} serving the Ledger API on ${sandbox.address} (ledger id ${sandbox.ledgerId})`);
    const stop = () => void sandbox.stop().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } else {
    console.error("usage: sandbox.mjs classpath | start [--port N] [--port-file F] [--ledger-id ID] [DAR...]");
    process.exit(2);
  }
}
