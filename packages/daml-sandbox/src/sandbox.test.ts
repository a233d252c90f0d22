import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { describeRealLedger, repoRoot } from "../../../scripts/testing/real-ledger.js";
import { damlSandboxClasspath, defaultCacheDir, startDamlSandbox } from "./sandbox.js";

const path = process.env.PATH;
const dirs: string[] = [];
afterEach(() => {
  process.env.PATH = path;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const emptyCache = () => {
  const dir = mkdtempSync(join(tmpdir(), "dit-daml-sandbox-"));
  dirs.push(dir);
  return dir;
};

test("the cache directory: DIT_CACHE_DIR, else XDG_CACHE_HOME/dit, else ~/.cache/dit", () => {
  expect(defaultCacheDir({ DIT_CACHE_DIR: "/c" })).toBe("/c/daml-sandbox");
  expect(defaultCacheDir({ XDG_CACHE_HOME: "/x" })).toBe("/x/dit/daml-sandbox");
  expect(defaultCacheDir({ HOME: "/h" })).toMatch(/\/\.cache\/dit\/daml-sandbox$/);
});

test("no Maven on PATH: an error that says so, and nothing cached", async () => {
  const cache = emptyCache();
  process.env.PATH = "/nonexistent";
  await expect(damlSandboxClasspath(cache)).rejects.toThrow(/could not resolve com\.daml:sandbox_2\.13:1\.13\.1 from Maven Central: Maven \(mvn\) is not installed/);
});

describeRealLedger("with Maven", () => {
  test("no java on PATH: the start fails with that reason instead of waiting for a port", async () => {
    const cacheDir = join(repoRoot, ".cache/real-ledger");
    await damlSandboxClasspath(cacheDir); // resolved (and cached) with the real PATH first
    process.env.PATH = "/nonexistent";
    await expect(startDamlSandbox({ cacheDir, portFile: join(emptyCache(), "port") })).rejects.toThrow(/stopped before serving \(java is not installed\)/);
  }, 120_000);
});
