import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { findModuleFile, parseSymbol, resolveSymbol } from "./entrypoint.js";
import { applyEnvClass, buildBaseEnv } from "./env.js";

const root = mkdtempSync(join(tmpdir(), "dit-entry-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, "src/pkg/sub"), { recursive: true });
writeFileSync(join(root, "main.js"), "export const integration = () => 'js';\n");
writeFileSync(join(root, "src/pkg/sub/mod.js"), "export function run() { return 'dotted'; }\n");
writeFileSync(join(root, "helper.ts"), "export const greet = (n: string): string => `hi ${n}`;\n");
writeFileSync(join(root, "typed.ts"),
  "import { greet } from './helper.js';\ninterface E { party: string }\nexport const integration = (env: E): string => greet(env.party);\n" +
  "export class MyEnv { constructor(readonly base: E) {} get upper(): string { return this.base.party.toUpperCase(); } }\n");
writeFileSync(join(root, "broken.js"), "export const x = ;\n");

describe("entrypoint resolution (spec §3.7)", () => {
  test("module:export with JS, Python-style dotted paths under src/, and TypeScript compiled on load", async () => {
    expect(((await resolveSymbol(root, "main:integration")) as () => string)()).toBe("js");
    expect(((await resolveSymbol(root, "pkg.sub.mod:run")) as () => string)()).toBe("dotted");
    expect(((await resolveSymbol(root, "typed:integration")) as (e: { party: string }) => string)({ party: "Alice" })).toBe("hi Alice");
    expect(((await resolveSymbol(root, "typed.ts:integration")) as (e: { party: string }) => string)({ party: "Bob" })).toBe("hi Bob");
  });

  test("errors are values with codes", async () => {
    expect(() => parseSymbol("a:b:c")).toThrow(/Malformed symbol/);
    expect(() => parseSymbol("nocolon")).toThrow(expect.objectContaining({ code: "entrypoint/malformed" }));
    await expect(resolveSymbol(root, "missing:x")).rejects.toMatchObject({ code: "entrypoint/not-found" });
    await expect(resolveSymbol(root, "main:nope")).rejects.toMatchObject({ code: "entrypoint/missing-export", message: expect.stringContaining("integration") });
    await expect(resolveSymbol(root, "broken:x")).rejects.toMatchObject({ code: "entrypoint/import-failed" });
    expect(findModuleFile(root, "pkg/sub/mod")).toBe(join(root, "src/pkg/sub/mod.js"));
  });

  test("env_class: a class or a function post-processes the env", async () => {
    const base = buildBaseEnv({ party: "alice", queue: { put: async () => {} }, damlModel: null, config: { n: 1, party: "ignored" } });
    expect(base.party).toBe("alice");
    const MyEnv = await resolveSymbol(root, "typed:MyEnv");
    expect(((await applyEnvClass(MyEnv, base)) as unknown as { upper: string }).upper).toBe("ALICE");
    expect(((await applyEnvClass((e: typeof base) => ({ ...e, extra: 1 }), base)) as unknown as { extra: number }).extra).toBe(1);
    await expect(applyEnvClass(() => null, base)).rejects.toMatchObject({ code: "env/failed" });
  });
});
