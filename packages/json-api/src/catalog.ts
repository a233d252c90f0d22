// The ledger's packages, decoded with @dit/daml-lf: template ids ("pkg:Mod:Ent", or "Mod:Ent" when unambiguous),
// their payload, key and choice types, and the type index the LF-JSON codec needs. Loaded lazily and refreshed
// when a template id is not known yet (a package uploaded since).
import { decodeDalf, LfTypeIndex, summarizePackage, type DecodedDalf, type TemplateSummary } from "@dit/daml-lf";
import type { LedgerApi } from "@dit/ledger-api";

export class PackageCatalog {
  private readonly archives = new Map<string, Uint8Array>();
  private readonly templates = new Map<string, TemplateSummary>();
  private readonly byName = new Map<string, TemplateSummary[]>();
  readonly types = new LfTypeIndex();
  private loading: Promise<void> | undefined;

  constructor(private readonly api: LedgerApi) {}

  /** Loads packages the catalog has not seen yet. Concurrent callers share one load. */
  refresh(token?: string): Promise<void> {
    this.loading ??= this.load(token).finally(() => (this.loading = undefined));
    return this.loading;
  }

  packageIds(): string[] {
    return [...this.archives.keys()];
  }

  /** The DALF (`Archive` protobuf) bytes of a package, as GET /v1/packages/<id> returns them. */
  async archive(packageId: string, token?: string): Promise<Uint8Array | undefined> {
    if (!this.archives.has(packageId)) await this.refresh(token);
    return this.archives.get(packageId);
  }

  allTemplates(): TemplateSummary[] {
    return [...this.templates.values()];
  }

  /** The template for an id, or undefined if the ledger knows none (after one refresh). */
  async template(id: string, token?: string): Promise<TemplateSummary | undefined> {
    const found = this.lookup(id);
    if (found !== undefined) return found;
    await this.refresh(token);
    return this.lookup(id);
  }

  private lookup(id: string): TemplateSummary | undefined {
    const parts = id.split(":");
    // "#<package-name>:Mod:Ent" (JSON API 2.10): the package of that name with the highest version.
    if (parts.length === 3 && id.startsWith("#")) return [...(this.byName.get(id) ?? [])].sort((a, b) => compareVersions(this.versionOf(b), this.versionOf(a)))[0];
    if (parts.length === 3) return this.templates.get(id);
    if (parts.length === 2) {
      const candidates = this.byName.get(id) ?? [];
      return candidates.length === 1 ? candidates[0] : undefined;
    }
    return undefined;
  }

  private async load(token?: string): Promise<void> {
    const options = token ? { token } : {};
    const listed = await this.api.unary<{ packageIds?: string[] }>("PackageService/ListPackages", { ledgerId: this.api.ledgerId }, options);
    for (const packageId of listed.packageIds ?? []) {
      if (this.archives.has(packageId)) continue;
      const response = await this.api.unary<{ archivePayload: Uint8Array; hash: string }>(
        "PackageService/GetPackage", { ledgerId: this.api.ledgerId, packageId }, options);
      const bytes = archiveBytes(response.archivePayload, response.hash);
      this.add(decodeDalf(bytes, `ledger package ${packageId}`), bytes);
    }
  }

  private readonly versions = new Map<string, string>();
  private versionOf = (t: TemplateSummary) => this.versions.get(t.packageId) ?? "";

  private add(dalf: DecodedDalf, bytes: Uint8Array): void {
    this.archives.set(dalf.packageId, bytes);
    this.types.add(dalf.packageId, dalf.package);
    const metadata = dalf.package.metadata;
    if (metadata) this.versions.set(dalf.packageId, metadata.version);
    for (const template of summarizePackage(dalf).templates) {
      this.templates.set(template.templateId, template);
      const name = `${template.moduleName}:${template.entityName}`;
      for (const key of [name, ...(metadata ? [`#${metadata.name}:${name}`] : [])]) this.byName.set(key, [...(this.byName.get(key) ?? []), template]);
    }
  }
}

/** `Archive { hash_function = SHA256 (0, the default, so absent); payload = 3; hash = 4 }` (ledger-protocol.md §4.2). */
function archiveBytes(payload: Uint8Array, hash: string): Uint8Array {
  const hashBytes = Buffer.from(hash, "utf8");
  return Buffer.concat([Buffer.from([0x1a]), varint(payload.length), payload, Buffer.from([0x22]), varint(hashBytes.length), hashBytes]);
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let rest = n;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** Dotted package versions, numerically segment by segment ("1.10.0" > "1.9.2"). */
function compareVersions(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return 0;
}
