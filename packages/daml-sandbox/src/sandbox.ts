// A real Daml ledger on this machine: Daml Sandbox 1.13.1 (com.daml:sandbox_2.13, gRPC Ledger API v1, Daml-LF
// 1.6–1.12), the one Daml ledger whose whole dependency tree the reachable Maven Central serves. Maven resolves
// its classpath once (cached, keyed by pom.xml); `java` runs com.daml.platform.sandboxnext.Main from it.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const DAML_SANDBOX_VERSION = "1.13.1";
export const DAML_SANDBOX_MAIN = "com.daml.platform.sandboxnext.Main";
const POM = resolve(dirname(fileURLToPath(import.meta.url)), "../pom.xml");

/** `$DIT_CACHE_DIR/daml-sandbox`, else `$XDG_CACHE_HOME/dit/daml-sandbox`, else `~/.cache/dit/daml-sandbox`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DIT_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "dit"), "daml-sandbox");
}

/** The sandbox's Java classpath. The first call runs Maven (network; ~120 MB into ~/.m2); later calls read the cache. */
export async function damlSandboxClasspath(cacheDir = defaultCacheDir()): Promise<string> {
  const key = createHash("sha256").update(readFileSync(POM)).digest("hex").slice(0, 16);
  const cached = join(cacheDir, `classpath-${key}.txt`);
  if (existsSync(cached)) {
    const classpath = readFileSync(cached, "utf8").trim();
    if (classpath.split(":").every((jar) => existsSync(jar))) return classpath;
  }
  mkdirSync(cacheDir, { recursive: true });
  const out = `${cached}.tmp-${process.pid}`;
  await new Promise<void>((done, fail) => {
    execFile("mvn", ["-q", "-B", "-f", POM, "dependency:build-classpath", `-Dmdep.outputFile=${out}`], { timeout: 15 * 60_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (!error) return done();
        const output = `${stdout}${stderr}`.trim().split("\n").slice(-20).join("\n");
        const reason = (error as { code?: string }).code === "ENOENT" ? "Maven (mvn) is not installed" : error.message.split("\n")[0];
        fail(new Error(`could not resolve com.daml:sandbox_2.13:${DAML_SANDBOX_VERSION} from Maven Central: ${reason}${output ? `\n${output}` : ""}`));
      });
  });
  const classpath = readFileSync(out, "utf8").trim();
  writeFileSync(cached, classpath + "\n");
  rmSync(out, { force: true });
  return classpath;
}

export interface DamlSandboxOptions {
  /** Ledger API port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Default `sandbox`. JSON API v1 tokens carry it as `ledgerId`. */
  readonly ledgerId?: string;
  /** DARs to load at start (the sandbox type-checks them). */
  readonly dars?: readonly string[];
  /** Where the sandbox writes its port once it serves; default a file in the cache directory. */
  readonly portFile?: string;
  readonly cacheDir?: string;
  /** Default 180 s (a cold JVM on a busy 2-core machine). */
  readonly timeoutMs?: number;
  /** Receives the sandbox's own output. */
  readonly log?: (text: string) => void;
}

export interface DamlSandbox {
  /** `127.0.0.1:port` of the gRPC Ledger API. */
  readonly address: string;
  readonly port: number;
  readonly ledgerId: string;
  readonly process: ChildProcess;
  /** The last 20 kB of its output. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts the sandbox on 127.0.0.1 and resolves once it serves (its port file appears). */
export async function startDamlSandbox(options: DamlSandboxOptions = {}): Promise<DamlSandbox> {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const classpath = await damlSandboxClasspath(cacheDir);
  const ledgerId = options.ledgerId ?? "sandbox";
  const portFile = options.portFile ?? join(cacheDir, `sandbox-${process.pid}-${Date.now()}.port`);
  rmSync(portFile, { force: true });
  mkdirSync(dirname(portFile), { recursive: true });
  const args = ["-Xss8m", "-XX:+UseSerialGC", "-cp", classpath, DAML_SANDBOX_MAIN,
    "-a", "127.0.0.1", "-p", String(options.port ?? 0), "--port-file", portFile, "--ledgerid", ledgerId, ...(options.dars ?? [])];
  const child = spawn("java", args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    options.log?.(chunk.toString());
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: string | null; error?: Error }>((done) => {
    child.once("exit", (code, signal) => done({ code, signal }));
    child.once("error", (error) => done({ code: null, signal: null, error }));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(portFile, { force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    const text = existsSync(portFile) ? readFileSync(portFile, "utf8").trim() : "";
    if (/^\d+$/.test(text)) {
      const port = Number(text);
      return { address: `127.0.0.1:${port}`, port, ledgerId, process: child, output: () => output, stop };
    }
    const done = await Promise.race([exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), 200))]);
    if (done) {
      const why = done.error ? (done.error.message.includes("ENOENT") ? "java is not installed" : done.error.message) : `exit ${done.code ?? done.signal}`;
      throw new Error(`the Daml sandbox stopped before serving (${why}):\n${output.slice(-4000)}`);
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the Daml sandbox did not serve within ${Math.round((options.timeoutMs ?? 180_000) / 1000)} s:\n${output.slice(-4000)}`);
    }
  }
}
