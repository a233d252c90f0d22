import { expect, test } from "vitest";
import { type CliIo, run } from "./index.js";

function io(): CliIo & { out: string; err: string } {
  const state = { out: "", err: "" };
  return Object.assign(state, {
    stdout: { write: (s: string) => (state.out += s) },
    stderr: { write: (s: string) => (state.err += s) },
    cwd: process.cwd(),
    env: {},
  });
}

test("--version and --help exit 0; no command prints help", async () => {
  const a = io();
  expect(await run(["--version"], a)).toBe(0);
  expect(a.out).toMatch(/^\d+\.\d+\.\d+\n$/);
  const b = io();
  expect(await run(["--help"], b)).toBe(0);
  expect(b.out).toContain("validate [options] [path]");
  expect(b.out).toContain("genargs [options] [path]");
});

test("a missing option argument is a usage error", async () => {
  const c = io();
  expect(await run(["validate", "--int-args"], c)).toBe(2);
  expect(c.err).toContain("option '--int-args <file>' argument missing");
});
