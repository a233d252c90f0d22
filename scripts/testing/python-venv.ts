// A Python virtualenv with pinned packages from PyPI, cached under .cache/python-compat/ (git-ignored), for tests
// that compare dit with the original Python tooling. No PyPI means an error with pip's reason: these are CI checks.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The original tooling's metadata stack, at the versions of ddit 0.7.0's lock (daml-dit-api declares none). */
export const ORIGINAL_TOOLING = ["daml-dit-api==0.5.0", "dacite==1.8.1", "PyYAML==6.0.1", "semver==3.0.2"] as const;

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runProcess(cmd: string, args: string[], timeout = 120_000): Promise<ProcessResult> {
  return new Promise((done) => {
    execFile(cmd, args, { timeout, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) || 1 : 0, stdout, stderr }));
  });
}

/** Creates the venv once (in a temporary directory renamed into place, so a failed install leaves nothing); returns its python. */
export async function ensurePythonVenv(requirements: readonly string[]): Promise<string> {
  const venv = join(repo, ".cache/python-compat", requirements.join("+").replace(/[^\w.+=-]/g, "_"));
  const python = join(venv, "bin/python");
  if (existsSync(join(venv, "dit-ok"))) return python;
  const temp = `${venv}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(dirname(venv), { recursive: true });
  const made = await runProcess("python3", ["-m", "venv", temp]);
  if (made.code !== 0) throw new Error(`python3 -m venv failed: ${made.stderr || made.stdout}`);
  const pip = await runProcess(join(temp, "bin/pip"), ["install", "--disable-pip-version-check", "--no-input", "-q", ...requirements]);
  if (pip.code !== 0) {
    rmSync(temp, { recursive: true, force: true });
    throw new Error(`pip could not install ${requirements.join(" ")} from PyPI (exit ${pip.code}):\n${pip.stderr || pip.stdout}`);
  }
  writeFileSync(join(temp, "dit-ok"), requirements.join("\n") + "\n");
  // A venv's scripts name their directory; the rename keeps python working (it resolves its home from argv[0]).
  rmSync(venv, { recursive: true, force: true });
  renameSync(temp, venv);
  return python;
}
