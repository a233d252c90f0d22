// The JWKS behind DABL_JWKS_URL: fetched lazily, cached, refreshed when a token names an unknown `kid` or the cache is
// older than maxAgeMs, with at most one fetch per cooldownMs (an attacker sending random kids cannot make us hammer
// the JWKS endpoint), redirects refused. Only asymmetric signature keys are kept, each pinned to the algorithms its
// own type allows, so a token can never choose how its key is used (no HS/RS confusion, no `none`).
import { importJWK, type JWK } from "jose";
import type { Logger } from "pino";

export interface JwksOptions {
  url: string;
  /** Injectable for tests; defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Minimum time between two fetches (default 10 s, the original's poll interval). */
  cooldownMs?: number;
  /** Cached keys older than this are refreshed on use (default 10 min). */
  maxAgeMs?: number;
  /** Timeout of one fetch (default 5 s). */
  timeoutMs?: number;
  logger?: Logger;
  now?: () => number;
}

export type VerificationKey = Awaited<ReturnType<typeof importJWK>>;

interface KeyEntry {
  jwk: JWK;
  algorithms: readonly string[];
  imported: Map<string, Promise<VerificationKey>>;
}

const RSA_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"];
const EC_ALGORITHMS: Record<string, string> = { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" };
const OKP_ALGORITHMS: Record<string, string[]> = { Ed25519: ["EdDSA", "Ed25519"], Ed448: ["EdDSA"] };

/** The algorithms a JWK may verify, and its public part; undefined for keys we never use (symmetric, encryption, …). */
export function verificationKeyOf(jwk: Record<string, unknown>): { jwk: JWK; algorithms: string[] } | undefined {
  if (jwk.use !== undefined && jwk.use !== "sig") return undefined;
  if (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes("verify")) return undefined;
  const str = (key: string): string | undefined => (typeof jwk[key] === "string" ? (jwk[key] as string) : undefined);
  let family: string[];
  let publicJwk: JWK;
  const [kty, n, e, crv, x, y] = [str("kty"), str("n"), str("e"), str("crv"), str("x"), str("y")];
  if (kty === "RSA" && n && e) {
    family = RSA_ALGORITHMS;
    publicJwk = { kty, n, e };
  } else if (kty === "EC" && crv && x && y && EC_ALGORITHMS[crv]) {
    family = [EC_ALGORITHMS[crv]];
    publicJwk = { kty, crv, x, y };
  } else if (kty === "OKP" && crv && x && OKP_ALGORITHMS[crv]) {
    family = OKP_ALGORITHMS[crv];
    publicJwk = { kty, crv, x };
  } else {
    return undefined;
  }
  const alg = str("alg");
  if (alg === undefined) return { jwk: publicJwk, algorithms: family };
  return family.includes(alg) ? { jwk: publicJwk, algorithms: [alg] } : undefined;
}

export class JwksCache {
  readonly #options: Required<Omit<JwksOptions, "logger">> & { logger: Logger | undefined };
  #keys = new Map<string, KeyEntry>();
  #fetchedAt = Number.NEGATIVE_INFINITY;
  #attemptedAt = Number.NEGATIVE_INFINITY;
  #inFlight: Promise<void> | undefined;
  /** Fetches made so far (for tests and the status of the auth setup). */
  fetches = 0;

  constructor(options: JwksOptions) {
    this.#options = {
      url: options.url, fetch: options.fetch ?? globalThis.fetch, cooldownMs: options.cooldownMs ?? 10_000,
      maxAgeMs: options.maxAgeMs ?? 600_000, timeoutMs: options.timeoutMs ?? 5_000, logger: options.logger,
      now: options.now ?? Date.now,
    };
  }

  /** The key for `kid` if it may verify `alg`; refreshes the set (rate-limited) when the kid is unknown or stale. */
  async keyFor(kid: string, alg: string): Promise<VerificationKey | undefined> {
    const now = this.#options.now();
    if (!this.#keys.has(kid) || now - this.#fetchedAt > this.#options.maxAgeMs) await this.#refresh();
    const entry = this.#keys.get(kid);
    if (!entry || !entry.algorithms.includes(alg)) return undefined;
    let key = entry.imported.get(alg);
    if (!key) {
      key = importJWK(entry.jwk, alg);
      entry.imported.set(alg, key);
    }
    return key;
  }

  #refresh(): Promise<void> {
    if (this.#inFlight) return this.#inFlight;
    if (this.#options.now() - this.#attemptedAt < this.#options.cooldownMs) return Promise.resolve();
    this.#attemptedAt = this.#options.now();
    this.#inFlight = this.#fetch().finally(() => { this.#inFlight = undefined; });
    return this.#inFlight;
  }

  async #fetch(): Promise<void> {
    this.fetches += 1;
    try {
      const response = await this.#options.fetch(this.#options.url, {
        redirect: "error", signal: AbortSignal.timeout(this.#options.timeoutMs), headers: { accept: "application/json" },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { keys?: unknown };
      if (!Array.isArray(body.keys)) throw new Error("the response has no `keys` array");
      const keys = new Map<string, KeyEntry>();
      for (const raw of body.keys as unknown[]) {
        if (typeof raw !== "object" || raw === null) continue;
        const kid = (raw as { kid?: unknown }).kid;
        const usable = verificationKeyOf(raw as Record<string, unknown>);
        if (typeof kid === "string" && kid !== "" && usable) keys.set(kid, { ...usable, imported: new Map() });
      }
      // Replaced, not merged (the original only ever added keys): a key removed from the JWKS stops verifying.
      this.#keys = keys;
      this.#fetchedAt = this.#options.now();
    } catch (error) {
      // Old keys stay in use; as the original, a warning without a traceback.
      this.#options.logger?.warn(`Failed to fetch JWKS from ${this.#options.url}: ${(error as Error).message}`);
    }
  }
}
