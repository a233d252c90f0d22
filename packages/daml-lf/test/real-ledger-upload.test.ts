/**
 * DARs from PackageBuilder on the real Daml ledger (Daml Sandbox 1.13.1, which decodes, version-checks and type-checks
 * every uploaded package): uploaded at each LF minor the sandbox supports, then read back through PackageService and
 * decoded by our decoder under the same package id. Every other package the sandbox holds is decoded too.
 */
import type { TestContext } from "vitest";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { LedgerApi as LedgerApiType } from "@dit/ledger-api";
import { LedgerApi, LedgerApiError } from "@dit/ledger-api";
import type { BuiltDar } from "@dit/daml-lf";
import { E, PackageBuilder, T, decodeDalf, readDar } from "@dit/daml-lf";
import { describeRealLedger, realLedger } from "../../../scripts/testing/real-ledger.js";
import { ArchiveType } from "../src/proto/root.js";
import { allPackages, giveExample } from "./support/builder-packages.js";

/** The LF minors Sandbox 1.13.1 supports; the builder writes 1.7 and later. 1.13 needs --early-access-unsafe. */
const MINORS = ["7", "8", "11", "12", "13"];
/** The sandbox's refusal of a minor its version policy does not enable (it decoded the package to say so). */
const policyRefusal = /Disallowed language version in package [0-9a-f]{64}: Expected version between 1\.6 and 1\.(\d+) but got 1\.(\w+)/;

let api: LedgerApiType;
const uploaded = new Map<string, BuiltDar>();

async function upload(built: BuiltDar): Promise<void> {
  await api.unary("admin.PackageManagementService/UploadDarFile", { darFile: built.dar });
  uploaded.set(built.packageId, built);
}

/** The sandbox's copy of a package, as our decoder reads it. */
async function fetchPackage(packageId: string) {
  const got = await api.unary<{ archivePayload: Uint8Array; hash: string; hashFunction?: string }>("PackageService/GetPackage", { ledgerId: api.ledgerId, packageId });
  expect(got.hashFunction ?? "SHA256").toBe("SHA256"); // the default value is left out of the response object
  const archive = ArchiveType.encode({ hashFunction: 0, payload: got.archivePayload, hash: got.hash }).finish();
  return decodeDalf(archive, `ledger:${packageId}`);
}

async function listPackages(): Promise<string[]> {
  return (await api.unary<{ packageIds: string[] }>("PackageService/ListPackages", { ledgerId: api.ledgerId })).packageIds;
}

describeRealLedger("PackageBuilder DARs on the real ledger (Daml Sandbox 1.13.1)", () => {
  beforeAll(async () => {
    api = await LedgerApi.connect((await realLedger()).address);
  }, 300_000);
  afterAll(() => api?.close());

  for (const minor of MINORS) {
    it(`accepts every builder package at LF 1.${minor}`, async (ctx: TestContext) => {
      for (const { name, builder } of allPackages(minor)) {
        const built = builder.buildDar();
        expect(readDar(built.dar).main.lfVersion.minor, name).toBe(minor);
        try {
          await upload(built);
        } catch (error) {
          const refused = error instanceof LedgerApiError ? policyRefusal.exec(error.details) : null;
          if (refused !== null && refused[2] === minor) {
            // Decoded by the engine, refused only by the sandbox's LF version policy (early access is off).
            ctx.skip(`the run's sandbox allows LF up to 1.${refused[1]}; LF 1.${minor} needs it started with --early-access-unsafe`);
          }
          throw new Error(`${name} at LF 1.${minor} was refused: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }, 60_000);
  }

  it("refuses LF 1.14, naming the versions it supports", async () => {
    const built = giveExample("14").buildDar();
    const error = await api.unary("admin.PackageManagementService/UploadDarFile", { darFile: built.dar }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerApiError);
    expect((error as LedgerApiError).grpcStatus).toBe("INVALID_ARGUMENT");
    expect((error as LedgerApiError).details).toMatch(/LF V1\.14 unsupported\. Supported LF versions are V1\.6,V1\.7,V1\.8,V1\.11,V1\.12,V1\.13,V1\.dev/);
  });

  it("type-checks what it accepts: an ill-typed package is refused", async () => {
    const b = new PackageBuilder({ name: "dit-ill-typed", version: "1.0.0", lfMinor: "12" });
    // Signatories must be a List Party, not a Text.
    b.module("Bad").template("T", { p: T.party }, { signatories: () => E.text("nobody") });
    const error = await upload(b.buildDar()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerApiError);
    expect((error as LedgerApiError).grpcStatus).toBe("INVALID_ARGUMENT");
    expect((error as LedgerApiError).details).toMatch(/type mismatch/i);
  });

  it("lists our packages and gives them back as our decoder reads them, under the same package id", async () => {
    if (uploaded.size === 0) await upload(giveExample("12").buildDar());
    const listed = new Set(await listPackages());
    for (const [packageId, built] of uploaded) {
      expect(listed.has(packageId), `ListPackages has ${packageId}`).toBe(true);
      const decoded = await fetchPackage(packageId);
      expect(decoded.packageId).toBe(packageId);
      expect(decoded.lfVersion.minor).toBe(readDar(built.dar).main.lfVersion.minor);
      expect(decoded.package).toEqual(built.package);
    }
  }, 60_000);

  it("decodes every package the sandbox holds", async () => {
    const ids = await listPackages();
    expect(ids.length).toBeGreaterThan(0);
    for (const packageId of ids) {
      const decoded = await fetchPackage(packageId);
      expect(decoded.packageId).toBe(packageId);
      expect(decoded.package.modules.length, packageId).toBeGreaterThan(0);
    }
  }, 120_000);
});
