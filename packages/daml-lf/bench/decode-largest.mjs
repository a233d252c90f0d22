#!/usr/bin/env node
// Decode time and memory for the largest DAR in .cache/real-ledger/dars (or a file given as argument).
// Uses the built package (dist/): run `pnpm build` first. Prints a JSON line, then a table.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { E, PackageBuilder, readDar, summarizeDar, T } from "../dist/index.js";

/** A builder-made DAR with many templates, for when no real DAR is at hand (reported as synthetic). */
function syntheticDar(templateCount) {
  const b = new PackageBuilder({ name: "bench-synthetic", version: "1.0.0" });
  for (let i = 0; i < templateCount; i++) {
    const m = b.module(`Bench.M${i}`);
    m.template("T", { owner: T.party, amount: T.numeric(10), tags: T.list(T.text), note: T.optional(T.text) }, {
      signatories: (t) => E.list(T.party, [t.field("owner")]),
      choices: [{ name: "Bump", argument: { by: T.numeric(10) }, returnType: T.contractId(m.type("T")),
        controllers: (c) => E.list(T.party, [c.field("owner")]),
        update: (c) => E.create(c.ref, E.withField(c.type, c.self, "amount", c.argField("by"))) }],
    });
  }
  return b.buildDar().dar;
}

const here = fileURLToPath(new URL(".", import.meta.url));
const darDir = resolve(here, "../../../.cache/real-ledger/dars");
let file = process.argv[2];
if (file === undefined) {
  let candidates = [];
  try {
    candidates = readdirSync(darDir).filter((f) => f.endsWith(".dar")).map((f) => join(darDir, f));
  } catch {
    // no cache folder
  }
  file = candidates.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}
const synthetic = file === undefined;
if (synthetic) {
  console.error(`no DARs in ${darDir}: measuring a synthetic builder-made DAR instead (pass a DAR path to measure one)`);
  file = "synthetic-400-templates.dar";
}
const bytes = synthetic ? syntheticDar(400) : readFileSync(file);
const runs = 20;
const warmup = 5;
const times = [];
let packages = 0;
let templates = 0;
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let peakHeap = heapBefore;
for (let i = 0; i < warmup + runs; i++) {
  const start = performance.now();
  const dar = readDar(bytes, { fileName: file });
  const summary = summarizeDar(dar);
  const elapsed = performance.now() - start;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  if (i >= warmup) times.push(elapsed);
  packages = dar.packages.size;
  templates = summary.packages.reduce((n, p) => n + p.templates.length, 0);
}
times.sort((a, b) => a - b);
const result = {
  file,
  synthetic,
  darBytes: bytes.length,
  packages,
  templates,
  runs,
  medianMs: Number(times[Math.floor(runs / 2)].toFixed(2)),
  minMs: Number(times[0].toFixed(2)),
  maxMs: Number(times[runs - 1].toFixed(2)),
  peakHeapMiB: Number(((peakHeap - heapBefore) / 1024 / 1024).toFixed(1)),
  rssMiB: Number((process.memoryUsage().rss / 1024 / 1024).toFixed(1)),
  node: process.version,
};
console.log(JSON.stringify(result));
console.table({ [file.split("/").pop()]: { KB: Math.round(bytes.length / 1024), packages, templates, "median ms": result.medianMs, "min ms": result.minMs, "max ms": result.maxMs, "heap Δ MiB": result.peakHeapMiB } });
