import { describe, expect, it } from "vitest";
import { encodeDalf } from "../encode/encode-module.js";
import { samplePackage } from "../testing/sample-package.js";
import { writeZip } from "../zip/zip.js";
import { formatManifest, parseManifest } from "./manifest.js";
import { darInfo, readDar } from "./read-dar.js";
import { writeDar } from "./write-dar.js";

const text = (s: string) => new TextEncoder().encode(s);

describe("manifest", () => {
  it("unwraps 72-byte continuation lines", () => {
    const long = `pkg-1.0.0-${"a".repeat(64)}/pkg-1.0.0-${"a".repeat(64)}.dalf`;
    const formatted = formatManifest({ name: "pkg-1.0.0", sdkVersion: "2.10.4", mainDalf: long, dalfs: [long, "dep.dalf"] });
    for (const line of formatted.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(72);
    const parsed = parseManifest(formatted, "m");
    expect(parsed.mainDalf).toBe(long);
    expect(parsed.dalfs).toEqual([long, "dep.dalf"]);
    expect(parsed.sdkVersion).toBe("2.10.4");
    expect(parsed.name).toBe("pkg-1.0.0");
  });

  it("parses damlc's layout with LF line ends", () => {
    const m = parseManifest("Manifest-Version: 1.0\nMain-Dalf: a/b.dal\n f\nDalfs: a/b.dalf, a/c.dal\n f\nSdk-Version: 1.11.3\n", "m");
    expect(m.mainDalf).toBe("a/b.dalf");
    expect(m.dalfs).toEqual(["a/b.dalf", "a/c.dalf"]);
  });

  it("requires Main-Dalf", () => {
    expect(() => parseManifest("Manifest-Version: 1.0\n", "x.dar")).toThrow(expect.objectContaining({ code: "dar/bad-manifest" }));
  });
});

describe("readDar", () => {
  const main = encodeDalf(samplePackage(), "14");
  const dep = encodeDalf({ ...samplePackage(), metadata: { name: "dep", version: "2.0.0" } }, "14");

  it("reads a written DAR back, verifying every package", () => {
    const bytes = writeDar({ name: "sample", version: "1.0.0", main, dependencies: [{ stem: "dep", dalf: dep }], sdkVersion: "2.10.4" });
    const dar = readDar(bytes, { fileName: "sample.dar" });
    expect(dar.main.packageId).toBe(main.packageId);
    expect([...dar.packages.keys()].sort()).toEqual([main.packageId, dep.packageId].sort());
    expect(darInfo(dar)).toEqual({
      mainPackageId: main.packageId,
      name: "sample",
      version: "1.0.0",
      sdkVersion: "2.10.4",
      lfVersion: { major: 1, minor: "14" },
      dependencyPackageIds: [dep.packageId],
    });
    expect(writeDar({ name: "sample", version: "1.0.0", main })).toEqual(writeDar({ name: "sample", version: "1.0.0", main }));
  });

  const withManifest = (extra: { path: string; data: Uint8Array }[], dalfs = "x.dalf") =>
    writeZip([{ path: "META-INF/MANIFEST.MF", data: text(`Main-Dalf: x.dalf\nDalfs: ${dalfs}\n`) }, ...extra]);

  it.each([
    ["dar/path-traversal", "../evil.txt"],
    ["dar/path-traversal", "a/../../evil.txt"],
    ["dar/absolute-path", "/etc/passwd"],
    ["dar/absolute-path", "C:\\evil.txt"],
  ])("rejects %s entries like %s", (code, path) => {
    const bytes = withManifest([{ path: "x.dalf", data: main.bytes }, { path, data: text("x") }]);
    expect(() => readDar(bytes, { fileName: "hostile.dar" })).toThrow(expect.objectContaining({ code, file: "hostile.dar" }));
  });

  it("rejects symbolic links", () => {
    const bytes = Buffer.from(withManifest([{ path: "x.dalf", data: main.bytes }, { path: "link", data: text("/etc/passwd") }]));
    // Turn the last central-directory entry ("link") into a Unix symlink.
    const central = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE((0o120777 << 16) >>> 0, central + 38);
    expect(() => readDar(bytes, { fileName: "link.dar" })).toThrow(expect.objectContaining({ code: "dar/symlink" }));
  });

  it("enforces entry and total size caps", () => {
    const bytes = withManifest([{ path: "x.dalf", data: main.bytes }, { path: "big.bin", data: new Uint8Array(100_000) }]);
    expect(() => readDar(bytes, { limits: { maxEntryBytes: 50_000 } })).toThrow(expect.objectContaining({ code: "dar/entry-too-large" }));
    expect(() => readDar(bytes, { limits: { maxTotalBytes: 100_500 } })).toThrow(expect.objectContaining({ code: "dar/total-too-large" }));
  });

  it("rejects an entry that inflates past its declared size (zip bomb)", () => {
    const bytes = Buffer.from(withManifest([{ path: "x.dalf", data: main.bytes }, { path: "bomb", data: new Uint8Array(200_000) }]));
    const central = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(10, central + 24); // claim 10 bytes uncompressed
    expect(() => readDar(bytes)).toThrow(expect.objectContaining({ code: "dar/entry-too-large" }));
  });

  it("rejects a manifest naming a missing DALF", () => {
    const bytes = withManifest([{ path: "x.dalf", data: main.bytes }], "x.dalf, missing.dalf");
    expect(() => readDar(bytes, { fileName: "m.dar" })).toThrow(/m\.dar: the manifest lists "missing\.dalf"/);
  });

  it("rejects a DAR without manifest, a non-zip, and a corrupt DALF", () => {
    expect(() => readDar(writeZip([{ path: "x.dalf", data: main.bytes }]))).toThrow(expect.objectContaining({ code: "dar/missing-manifest" }));
    expect(() => readDar(text("not a zip at all, just text"))).toThrow(expect.objectContaining({ code: "zip/corrupt" }));
    const corrupt = withManifest([{ path: "x.dalf", data: text("garbage garbage") }]);
    expect(() => readDar(corrupt, { fileName: "c.dar" })).toThrow(/c\.dar!x\.dalf/);
  });

  it("rejects a corrupted entry by CRC", () => {
    const bytes = Buffer.from(writeZip([{ path: "a.txt", data: text("abcdefghij") }]));
    bytes[30 + 5] = 0x62; // flip one stored byte (stored, since tiny data does not deflate smaller)
    expect(() => readDar(bytes)).toThrow(/CRC/);
  });
});
