import { describe, expect, it } from "vitest";
import { encodeDalf } from "../encode/encode-module.js";
import { isDamlLfError } from "../errors.js";
import { createHash } from "node:crypto";
import { ArchivePayloadType, ArchiveType } from "../proto/root.js";
import { samplePackage } from "../testing/sample-package.js";
import { decodeDalf } from "./decode-archive.js";

describe("DALF encode → decode", () => {
  it("gives back the same package AST and a verified package id", () => {
    const pkg = samplePackage();
    const { packageId, bytes } = encodeDalf(pkg, "14");
    const decoded = decodeDalf(bytes, "sample.dalf");
    expect(decoded.packageId).toBe(packageId);
    expect(decoded.packageId).toMatch(/^[0-9a-f]{64}$/);
    expect(decoded.lfVersion).toEqual({ major: 1, minor: "14" });
    expect(decoded.package).toEqual(pkg);
  });

  it("is deterministic", () => {
    expect(encodeDalf(samplePackage(), "14").packageId).toBe(encodeDalf(samplePackage(), "14").packageId);
  });

  it("decodes expression trees far deeper than protobufjs's default nesting limit", () => {
    const pkg = samplePackage(1000);
    const decoded = decodeDalf(encodeDalf(pkg, "14").bytes, "deep.dalf");
    expect(decoded.package).toEqual(pkg);
  });

  it("rejects a payload whose hash does not match, naming the file", () => {
    const { bytes } = encodeDalf(samplePackage(), "14");
    const archive = ArchiveType.decode(bytes) as unknown as { payload: Uint8Array; hash: string };
    const tampered = ArchiveType.encode({ hashFunction: 0, payload: archive.payload, hash: "0".repeat(64) }).finish();
    expect(() => decodeDalf(tampered, "evil.dalf")).toThrow(/evil\.dalf: package hash mismatch/);
    try {
      decodeDalf(tampered, "evil.dalf");
    } catch (error) {
      expect(isDamlLfError(error, "dalf/hash-mismatch")).toBe(true);
    }
  });

  it("rejects bytes that are not protobuf", () => {
    expect(() => decodeDalf(new Uint8Array([0xff, 0xff, 0xff, 0xff]), "junk.dalf")).toThrow(expect.objectContaining({ code: "dalf/corrupt" }));
  });

  const archiveOf = (payloadMessage: Record<string, unknown>) => {
    const payload = ArchivePayloadType.encode(payloadMessage).finish();
    return ArchiveType.encode({ hashFunction: 0, payload, hash: createHash("sha256").update(payload).digest("hex") }).finish();
  };

  it("refuses LF 2.x archives with an unsupported-version error", () => {
    const lf2 = archiveOf({ minor: "1", damlLf2: new Uint8Array([10, 0]) });
    expect(() => decodeDalf(lf2, "daml3.dalf")).toThrow(expect.objectContaining({ code: "lf/unsupported-version" }));
    expect(() => decodeDalf(lf2, "daml3.dalf")).toThrow(/daml3\.dalf: unsupported LF version 2\.1/);
  });

  it("refuses unknown LF 1 minor versions", () => {
    const future = archiveOf({ minor: "99", damlLf1: {} });
    expect(() => decodeDalf(future, "f.dalf")).toThrow(/unsupported LF version 1\.99/);
  });
});
