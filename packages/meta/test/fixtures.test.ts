// Runs every fixture under fixtures/meta and fixtures/int-args. Each fixture states what it must produce
// in header comments (`# expect: <severity> <rule> <line>:<col> <message>`); anything else produced fails.
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import {
  type Diagnostic, loadIntArgs, loadMetadata, RULES, validateIntArgsText, validateMetadataText, type YamlLimits,
} from "../src/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../../fixtures");
const list = (dir: string) => readdirSync(join(root, dir)).sort();
const covered = new Set<string>();

interface Header {
  expects: string[];
  limits: YamlLimits;
  metadata?: string;
  type?: string;
  values?: string;
}

function header(text: string): Header {
  const result: Header = { expects: [], limits: {} };
  for (const line of text.split("\n")) {
    const match = /^# (expect|limits|metadata|type|values): (.*)$/.exec(line);
    if (!match) continue;
    const [, key, value = ""] = match;
    if (key === "expect") result.expects.push(value);
    else if (key === "limits") {
      for (const pair of value.split(",")) {
        const [name, n] = pair.split("=");
        (result.limits as Record<string, number>)[name!.trim()] = Number(n);
      }
    } else result[key as "metadata" | "type" | "values"] = value;
  }
  return result;
}

const render = (d: Diagnostic, withFile = false) =>
  `${d.severity} ${d.rule}${withFile ? ` ${d.file ? basename(d.file) : "."}` : ""} ${d.line ?? 0}:${d.col ?? 0} ${d.message}`;

function expectExactly(diagnostics: Diagnostic[], expected: string[], withFile = false) {
  const actual = diagnostics.map((d) => render(d, withFile));
  for (const d of diagnostics) covered.add(d.rule);
  expect(actual.sort()).toEqual([...expected].sort());
}

describe("metadata fixtures", () => {
  for (const kind of ["valid", "invalid"] as const) {
    for (const name of list(`meta/${kind}`)) {
      test(`${kind}/${name}`, () => {
        const file = join(root, "meta", kind, name);
        const text = readFileSync(file, "utf8");
        const { expects, limits } = header(text);
        const result = validateMetadataText(text, { file, limits });
        expectExactly(result.diagnostics, expects);
        // Two parsers, one verdict: the fast path (no positions) must agree with the positioned parse.
        const positioned = validateMetadataText(text, { file, limits, positions: "always" });
        expect(positioned.diagnostics).toEqual(result.diagnostics);
        expect(positioned.normalized).toEqual(result.normalized);
        if (kind === "valid") {
          expect(result.ok).toBe(true);
          expect(result.normalized).toBeDefined();
        } else {
          expect(expects.length).toBeGreaterThan(0);
          if (expects.some((e) => e.startsWith("error"))) expect(result.ok).toBe(false);
        }
      });
    }
  }
});

describe("project directory fixtures", () => {
  for (const name of list("meta/projects")) {
    test(name, () => {
      const dir = join(root, "meta/projects", name);
      const expects = readFileSync(join(dir, "EXPECT"), "utf8").trim().split("\n").map((l) => l.replaceAll("{dir}", dir));
      const result = loadMetadata(dir);
      expectExactly(result.diagnostics, expects, true);
      expect(result.ok).toBe(expects.every((e) => !e.startsWith("error")));
    });
  }
});

describe("int_args fixtures", () => {
  for (const name of list("int-args")) {
    test(name, () => {
      const file = join(root, "int-args", name);
      const h = header(readFileSync(file, "utf8"));
      const meta = loadMetadata(resolve(dirname(file), h.metadata!));
      expect(meta.ok).toBe(true);
      const result = loadIntArgs(file, meta.metadata!, h.type ? { typeId: h.type } : {});
      expectExactly(result.diagnostics, h.expects);
      expect(result.ok).toBe(!h.expects.some((e) => e.startsWith("error")));
      if (h.values) expect(result.config?.values).toEqual(JSON.parse(h.values));
    });
  }
});

test("every rule has a fixture that triggers it", () => {
  // The size and empty-document rules of int_args.yaml share their code with metadata, covered above.
  const missing = Object.keys(RULES).filter((rule) => !covered.has(rule));
  expect(missing).toEqual([]);
});

test("int_args text validation names the given file", () => {
  const meta = validateMetadataText(readFileSync(join(root, "meta/valid/integration-types.yaml"), "utf8"));
  const result = validateIntArgsText('type_id: timer\nmetadata: {interval: "5"}\n', meta.metadata!, { file: "x.yaml" });
  expect(result.ok).toBe(true);
  expect(result.config?.values).toEqual({ interval: 5, batchSize: 1, ratio: 0.25 });
});
