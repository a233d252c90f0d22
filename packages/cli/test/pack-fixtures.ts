// Shared by the pack and inspect tests: spawn bin/dit, make real DARs with the daml-lf builder, copy fixture projects.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { E, PackageBuilder, T, writeDar } from "@dit/daml-lf";

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const projectsDir = join(repo, "fixtures/projects");

export interface Result { code: number; stdout: string; stderr: string }

export function dit(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Result> {
  return new Promise((done) => {
    execFile(process.execPath, [join(repo, "bin/dit"), ...args], { cwd, env: { PATH: process.env.PATH ?? "", ...env }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

export function tempDir(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/** A real DAR: one module with an `Asset` template (fields, a `Give` choice), built without the SDK. */
export function buildDar(name: string, version: string, options: { lfMinor?: "8" | "14" | "15" } = {}): { dar: Uint8Array; packageId: string } {
  const b = new PackageBuilder({ name, version, lfMinor: options.lfMinor ?? "14", sdkVersion: "2.10.4" });
  const m = b.module("Assets");
  m.template("Asset", { issuer: T.party, owner: T.party, amount: T.numeric(10) }, {
    signatories: (t) => E.list(T.party, [t.field("issuer")]),
    observers: (t) => E.list(T.party, [t.field("owner")]),
    choices: [{
      name: "Give", argument: { newOwner: T.party }, returnType: T.contractId(m.type("Asset")),
      controllers: (c) => E.list(T.party, [c.field("owner")]),
      update: (c) => E.create(c.ref, E.withField(c.type, c.self, "owner", c.argField("newOwner"))),
    }],
  });
  const built = b.buildDar();
  const dep = new PackageBuilder({ name: `${name}-types`, version, lfMinor: options.lfMinor ?? "14" });
  dep.module("Types").record("Note", { text: T.text });
  const depBuilt = dep.buildDar();
  return { dar: writeDar({ name, version, main: built.dalf, dependencies: [{ stem: `${name}-types`, dalf: depBuilt.dalf }], sdkVersion: "2.10.4" }), packageId: built.packageId };
}

/** The same DAR, with one character of the main DALF's recorded hash changed: its package id no longer verifies. */
export function tamperedDar(name: string, version: string): Uint8Array {
  const b = new PackageBuilder({ name, version, lfMinor: "14" });
  b.module("M").record("R", { x: T.text });
  const { dalf } = b.buildDar();
  const bytes = Buffer.from(dalf.bytes);
  const at = bytes.indexOf(Buffer.from(dalf.packageId, "latin1"));
  bytes[at] = bytes[at] === 0x61 ? 0x62 : 0x61;
  return writeDar({ name, version, main: { packageId: dalf.packageId, bytes: new Uint8Array(bytes) } });
}

/** Copies fixtures/projects/NAME into a fresh directory; `ms` (the integration's one npm dependency) is copied in. */
export function copyProject(name: string, into = tempDir(`dit-${name}-`)): string {
  const dir = join(into, name);
  cpSync(join(projectsDir, name), dir, { recursive: true });
  const ms = dirname(createRequire(join(repo, "packages/cli/package.json")).resolve("ms/package.json"));
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  cpSync(realpathSync(ms), join(dir, "node_modules/ms"), { recursive: true, dereference: true });
  return dir;
}

export function writeFile(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}
