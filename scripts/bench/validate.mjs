// Benchmark of `dit validate` (run by scripts/bench/run.mjs). Prints a table and, last, one JSON line.
// validate-500x20: `dit validate` wall time, process start included, on generated metadata with
// 500 integration types × 20 fields (target: under 500 ms).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const runs = Number(process.env.BENCH_RUNS ?? 10);

function generateMetadata(types, fields) {
  const kinds = ["text", "integer", "number", "party", "contract_template", 'enum:["A","B","C"]', "clob"];
  const lines = ["catalog:", "  name: bench", "  version: 1.0.0", "  description: Generated for benchmarks.", "integration_types:"];
  for (let t = 0; t < types; t++) {
    lines.push(`  - id: type_${t}`, `    name: Type ${t}`, `    description: Generated integration type ${t}.`,
      `    entrypoint: types/t${t}.js:main`, "    fields:");
    for (let f = 0; f < fields; f++) {
      const kind = kinds[f % kinds.length];
      lines.push(`      - id: field_${f}`, `        name: Field ${f}`, `        description: Generated field ${f} of type ${t}.`,
        `        field_type: '${kind}'`, ...(kind === "integer" ? ['        default_value: "10"'] : []));
    }
  }
  return lines.join("\n") + "\n";
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { runs: samples.length, min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], mean, max: sorted.at(-1) };
}

const dir = mkdtempSync(join(tmpdir(), "dit-bench-"));
try {
  const file = join(dir, "dit-meta.yaml");
  writeFileSync(file, generateMetadata(500, 20));
  const bytes = statSync(file).size;
  const results = [];

  execFileSync(process.execPath, [join(repo, "bin/dit"), "validate", file]); // warm the file cache once
  const cli = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, [join(repo, "bin/dit"), "validate", file], { stdio: "ignore" });
    cli.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  results.push({ name: "validate-500x20 (dit validate, process)", unit: "ms", bytes, targetMs: 500, ...stats(cli) });

  const meta = await import(pathToFileURL(join(repo, "packages/meta/dist/index.js")).href);
  const { readFileSync } = await import("node:fs");
  const text = readFileSync(file, "utf8");
  meta.validateMetadataText(text, { file });
  const lib = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = meta.validateMetadataText(text, { file });
    lib.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!r.ok) throw new Error("generated metadata is invalid");
  }
  results.push({ name: "validate-500x20 (validateMetadataText, in process)", unit: "ms", bytes, ...stats(lib) });

  const fmt = (n) => (n === undefined ? "" : n.toFixed(1));
  console.log("| benchmark | runs | min ms | median ms | mean ms | max ms | target ms |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(`| ${r.name} | ${r.runs} | ${fmt(r.min)} | ${fmt(r.median)} | ${fmt(r.mean)} | ${fmt(r.max)} | ${r.targetMs ?? ""} |`);
  }
  console.log(JSON.stringify({ node: process.version, results }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
