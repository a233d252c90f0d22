// `pnpm bench`: runs every benchmark below in turn (each bounded in time), shows each one's table, and ends with
// one JSON line holding all their results. Speed targets live here, never in timed unit tests.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BENCHMARKS = [
  { name: "validate", script: "scripts/bench/validate.mjs", args: [] },
  { name: "daml-lf decode", script: "packages/daml-lf/bench/decode-largest.mjs", args: ["--expose-gc"] },
  { name: "ledger events", script: "packages/core/bench/ledger-events.mjs", args: [] },
  { name: "ledger events (real ledger)", script: "scripts/bench/ledger-events-real.mjs", args: [] },
  { name: "core host", script: "packages/core/bench/host.mjs", args: [] },
];

const all = {};
let failed = false;
for (const bench of BENCHMARKS) {
  const script = join(repo, bench.script);
  if (!existsSync(script)) continue;
  console.log(`\n## ${bench.name}\n`);
  const r = spawnSync(process.execPath, [...bench.args, script], { cwd: repo, encoding: "utf8", timeout: 300_000 });
  const lines = (r.stdout ?? "").trimEnd().split("\n");
  const json = lines.findLast((l) => l.startsWith("{"));
  console.log(lines.filter((l) => l !== json).join("\n"));
  if (r.status !== 0 || !json) {
    failed = true;
    console.log(`${bench.name} failed (exit ${r.status}): ${r.stderr}`);
    continue;
  }
  all[bench.name] = JSON.parse(json);
}
console.log(JSON.stringify({ node: process.version, benchmarks: all }));
process.exitCode = failed ? 1 : 0;
