import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DitFileError, dosDateTime, extractDit, openDit, openZip, writeZip } from "./index.js";

const work = mkdtempSync(join(tmpdir(), "dit-file-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const file = (path: string, text: string) => ({ path, data: Buffer.from(text) });
const meta = file("dit-meta.yaml", "catalog:\n  name: x\n");

function save(name: string, bytes: Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DitFileError) return error.code;
    throw error;
  }
  return undefined;
}

/** Sets the Unix mode of the central-directory entry named `name` (to forge symlinks). */
function withMode(zip: Buffer, name: string, mode: number): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.length - 22;
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < out.readUInt16LE(eocd + 10); i++) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString("utf8", at + 46, at + 46 + nameLength) === name) out.writeUInt32LE((mode << 16) >>> 0, at + 38);
    at += 46 + nameLength + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

describe("writeZip", () => {
  test("sorted entries, one timestamp, byte-identical for equal input in any order", () => {
    const a = writeZip([file("b.txt", "b"), file("a.txt", "a".repeat(1000))], { mtime: 1714567890 });
    const b = writeZip([file("a.txt", "a".repeat(1000)), file("b.txt", "b")], { mtime: 1714567890 });
    expect(a.equals(b)).toBe(true);
    expect(openZip(a, "a.zip").entries.map((e) => [e.path, e.method, e.mode])).toEqual([["a.txt", 8, 0o644], ["b.txt", 0, 0o644]]);
    expect(dosDateTime(0)).toEqual({ date: 0x21, time: 0 });
    expect(() => writeZip([file("x", "1"), file("x", "2")])).toThrow(/twice/);
  });
});

describe("openZip / openDit", () => {
  test("zip data after a prefix (a PEX's shebang line) reads with offsets relative to the zip", () => {
    const bytes = writeZip([meta, file("core_int/x.py", "print(1)\n")], { prefix: "#!/usr/bin/env python3\n" });
    const dit = openDit(bytes, "x.dit");
    expect(dit.zip.prefixLength).toBe(23);
    expect(dit.zip.prefix).toBe("#!/usr/bin/env python3\n");
    expect(dit.metadataText).toBe("catalog:\n  name: x\n");
    expect(dit.zip.read(dit.zip.files.get("core_int/x.py")!).toString()).toBe("print(1)\n");
    expect(dit.metadataNames).toEqual(["dit-meta.yaml"]);
  });

  test("hostile archives: each its own error", () => {
    expect(codeOf(() => openZip(writeZip([file("../evil", "x")]), "z"))).toBe("zip/path-traversal");
    expect(codeOf(() => openZip(writeZip([file("/etc/passwd", "x")]), "z"))).toBe("zip/absolute-path");
    expect(codeOf(() => openZip(writeZip([file("a\\..\\b", "x")]), "z"))).toBe("zip/bad-name");
    expect(codeOf(() => openZip(withMode(writeZip([meta, file("link", "/etc")]), "link", 0o120777), "z"))).toBe("zip/symlink");
    expect(codeOf(() => openZip(writeZip([file("big", "x".repeat(2000))]), "z", { maxEntryBytes: 1000 }))).toBe("zip/entry-too-large");
    expect(codeOf(() => openZip(writeZip([file("a", "x".repeat(600)), file("b", "x".repeat(600))]), "z", { maxTotalBytes: 1000 }))).toBe("zip/total-too-large");
    expect(codeOf(() => openZip(writeZip([file("a", "1"), file("b", "2")]), "z", { maxEntries: 1 }))).toBe("zip/too-many-entries");
    expect(codeOf(() => openZip(Buffer.from("#!/bin/sh\nnot a zip"), "z"))).toBe("zip/corrupt");
    expect(codeOf(() => openDit(writeZip([file("a", "1")]), "z"))).toBe("dit/no-metadata");
    const corrupt = Buffer.from(writeZip([file("a.txt", "hello world, hello world")]));
    corrupt[35] = (corrupt[35] ?? 0) ^ 0xff;
    const zip = openZip(corrupt, "z");
    expect(codeOf(() => zip.read(zip.files.get("a.txt")!))).toMatch(/^zip\/(corrupt|entry-too-large)$/);
  });
});

describe("extractDit", () => {
  test("extracts into <cacheRoot>/<sha256>, reuses a complete extraction", () => {
    const path = save("ok.dit", writeZip([meta, file("node/src/main.mjs", "export const x = 1;\n")], { prefix: "#!/usr/bin/env python3\n" }));
    const cache = join(work, "cache");
    const first = extractDit(path, cache);
    expect(first.dir).toBe(join(cache, first.sha256));
    expect(first.reused).toBe(false);
    expect(first.files).toEqual(["dit-meta.yaml", "node/src/main.mjs"]);
    expect(readFileSync(join(first.dir, "node/src/main.mjs"), "utf8")).toBe("export const x = 1;\n");
    expect(statSync(join(first.dir, "dit-meta.yaml")).mode & 0o777).toBe(0o644);
    const again = extractDit(path, cache);
    expect(again).toMatchObject({ dir: first.dir, reused: true, files: first.files });
    expect(readdirSync(cache)).toEqual([first.sha256]);
  });

  test("hostile DITs are refused and leave nothing behind", () => {
    const cache = join(work, "hostile");
    const cases: Array<[string, Uint8Array, string]> = [
      ["slip.dit", writeZip([meta, file("../../escape.txt", "x")]), "zip/path-traversal"],
      ["abs.dit", writeZip([meta, file("/tmp/abs.txt", "x")]), "zip/absolute-path"],
      ["link.dit", withMode(writeZip([meta, file("link", "/etc/passwd")]), "link", 0o120777), "zip/symlink"],
      ["reserved.dit", writeZip([meta, file(".dit-extracted.json", "{}")]), "zip/bad-name"],
    ];
    for (const [name, bytes, code] of cases) expect(codeOf(() => extractDit(save(name, bytes), cache)), name).toBe(code);
    const big = save("big.dit", writeZip([meta, file("big.bin", "x".repeat(5000))]));
    expect(codeOf(() => extractDit(big, cache, { limits: { maxEntryBytes: 4096 } }))).toBe("zip/entry-too-large");
    expect(codeOf(() => extractDit(big, cache, { limits: { maxTotalBytes: 4096 } }))).toBe("zip/total-too-large");
    expect(codeOf(() => extractDit(join(work, "missing.dit"), cache))).toBe("io/unreadable");
    expect(existsSync(join(work, "escape.txt")) || existsSync(join(tmpdir(), "escape.txt"))).toBe(false);
    expect(readdirSync(cache)).toEqual([]);
  });
});
