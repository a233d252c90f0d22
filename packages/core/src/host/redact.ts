// Redaction, configured in one place: the pino paths that hold tokens, the scrubber that every log line passes
// through (defence in depth for tokens that end up inside messages), and config values of secret-looking fields.
// The original logged every config value at INFO and the ledger token at DEBUG (runtime.md §8 item 14).

export const REDACTED = "[REDACTED]";

/** Object paths pino censors before serialising (see pino's `redact` option). */
export const REDACT_PATHS: readonly string[] = [
  "authorization", "headers.authorization", "*.headers.authorization", "req.headers.authorization",
  "cookie", "headers.cookie", "*.headers.cookie",
  "token", "*.token", "accessToken", "*.accessToken", "access_token", "*.access_token",
  "ledgerToken", "*.ledgerToken", "DAML_LEDGER_TOKEN", "*.DAML_LEDGER_TOKEN",
];

/** Field ids whose values are treated as secrets. */
export const SECRET_FIELD_PATTERN = /pass|secret|token|key|credential|private/i;

/**
 * A copy of `values` in which every value whose id looks secret (SECRET_FIELD_PATTERN), or is listed in
 * `extraSecretIds` (e.g. fields the metadata marks as credentials), is replaced by `[REDACTED]`.
 */
export function redactConfig<T>(values: Readonly<Record<string, T>>, extraSecretIds: Iterable<string> = []):
  Record<string, T | typeof REDACTED> {
  const extra = new Set(extraSecretIds);
  const out: Record<string, T | typeof REDACTED> = {};
  for (const [id, value] of Object.entries(values)) {
    out[id] = SECRET_FIELD_PATTERN.test(id) || extra.has(id) ? REDACTED : value;
  }
  return out;
}

/** A URL (path and query) with the value of any `access_token` query parameter replaced. */
export function redactUrl(url: string): string {
  return url.includes("access_token") ? url.replace(ACCESS_TOKEN_PARAM, `$1${REDACTED}`) : url;
}

const ACCESS_TOKEN_PARAM = /([?&]access_token=)[^&#\s"]*/g;
// Three base64url segments starting with a JSON header: a JWS compact token.
const JWT_SHAPE = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
const BEARER_VALUE = /(Bearer\s+)[^\s",}]+/g;

/** Secrets known by value (the ledger token), removed from every log line; shorter values are too risky to match. */
export class SecretScrubber {
  readonly #secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret !== undefined && secret.length >= 6) this.#secrets.add(secret);
  }

  scrub(line: string): string {
    let out = line;
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.replaceAll(secret, REDACTED);
    if (out.includes("eyJ")) out = out.replace(JWT_SHAPE, REDACTED);
    if (out.includes("Bearer")) out = out.replace(BEARER_VALUE, `$1${REDACTED}`);
    if (out.includes("access_token=")) out = out.replace(ACCESS_TOKEN_PARAM, `$1${REDACTED}`);
    return out;
  }
}
