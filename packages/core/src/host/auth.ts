// Authorisation of non-PUBLIC routes, in the order, with the status codes, codes and descriptions of runtime.md §4.5.
// Deviations (documented in the README): `access_token` is read only on GET/HEAD; a malformed token or one without
// `kid` is a 403 invalid_token (the original crashed into a 500); INTEGRATION_PARTY compares with the resolved
// run-as party (the original compared with DAML_LEDGER_PARTY only).
import { decodeProtectedHeader, jwtVerify, type JWTPayload } from "jose";
import type { Logger } from "pino";
import { AuthLevel, type LedgerClaims } from "../contract.js";
import { JwksCache, type JwksOptions } from "./jwks.js";

export const LEDGER_CLAIMS_KEY = "https://daml.com/ledger-api";
/** Leeway for `exp` and `nbf`, as the original's jwcrypto setting. */
export const CLOCK_TOLERANCE_SECONDS = 60;

export type AuthErrorCode =
  | "no_authorization_support" | "invalid_auth_scheme" | "missing_token" | "invalid_token" | "missing_ledger_claims"
  | "unauthorized";

export type AuthOutcome =
  | { ok: true; claims: LedgerClaims | undefined }
  | { ok: false; status: 401 | 403; code: AuthErrorCode; description: string };

/** The parts of a request auth looks at. */
export interface AuthRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string | string[] | undefined> | undefined;
}

export interface AuthOptions {
  /** DABL_JWKS_URL; without it every non-PUBLIC route answers 401 no_authorization_support. */
  jwksUrl: string | undefined;
  /** DABL_LEDGER_ID: the `ledgerId` every accepted token must carry. */
  ledgerId: string;
  /** The resolved run-as party that INTEGRATION_PARTY tokens must both act and read as. */
  runAsParty: string;
  /** Overrides for the JWKS cache (fetch, cooldown); tests inject a fetcher here. */
  jwks?: Omit<JwksOptions, "url">;
  logger?: Logger;
  /** Verified tokens remembered (by their full text) to skip repeated signature checks; 0 disables. Default 1000. */
  verifiedCacheSize?: number;
  now?: () => number;
}

export interface Authorizer {
  authorize(level: AuthLevel, request: AuthRequest): Promise<AuthOutcome>;
}

const fail = (status: 401 | 403, code: AuthErrorCode, description: string): AuthOutcome => ({ ok: false, status, code, description });
const INVALID_TOKEN = fail(403, "invalid_token", "this endpoint was presented with an invalid token");
/** How long a verified token is trusted without a new signature check (exp and nbf are still checked every time). */
const VERIFIED_TTL_MS = 30_000;

export function createAuthorizer(options: AuthOptions): Authorizer {
  const now = options.now ?? Date.now;
  const jwks = options.jwksUrl
    ? new JwksCache({ ...options.jwks, url: options.jwksUrl, logger: options.jwks?.logger ?? options.logger, now: options.jwks?.now ?? now })
    : undefined;
  const cacheSize = options.verifiedCacheSize ?? 1000;
  const verified = new Map<string, { payload: JWTPayload; until: number }>();
  const missingClaims = fail(401, "missing_ledger_claims",
    `this endpoint requires a valid token containing DAML ledger API claims for ledger ID "${options.ledgerId}"`);

  async function verify(token: string): Promise<JWTPayload | undefined> {
    const cached = verified.get(token);
    if (cached && cached.until > now() && timesValid(cached.payload, now())) return cached.payload;
    if (!jwks || token.split(".").length !== 3) return undefined;
    let kid: unknown;
    let alg: unknown;
    try {
      ({ kid, alg } = decodeProtectedHeader(token));
    } catch {
      return undefined;
    }
    if (typeof kid !== "string" || kid === "" || typeof alg !== "string") return undefined;
    const key = await jwks.keyFor(kid, alg);
    if (!key) return undefined;
    // The only accepted algorithm is the one the key itself allows and the header names (keyFor checked both).
    const { payload } = await jwtVerify(token, key, { algorithms: [alg], clockTolerance: CLOCK_TOLERANCE_SECONDS, currentDate: new Date(now()) });
    if (cacheSize > 0) {
      if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
      verified.set(token, { payload, until: now() + VERIFIED_TTL_MS });
    }
    return payload;
  }

  return {
    async authorize(level, request) {
      if (level === AuthLevel.PUBLIC) return { ok: true, claims: undefined };
      if (!jwks) {
        return fail(401, "no_authorization_support",
          "this endpoint requires authorization, which is unavailable without JWKS support.");
      }
      const token = tokenOf(request);
      if (token === null) return fail(401, "invalid_auth_scheme", "Invalid authorization scheme. Should be `Bearer <token>`");
      if (token === undefined) return fail(401, "missing_token", "this endpoint requires a valid token and none was supplied");
      let payload: JWTPayload | undefined;
      try {
        payload = await verify(token);
      } catch (error) {
        options.logger?.warn(`Rejected a token: ${(error as Error).message}`);
        return INVALID_TOKEN;
      }
      if (!payload) {
        options.logger?.warn("Rejected a token: malformed, without kid, or no matching key");
        return INVALID_TOKEN;
      }
      const claims = ledgerClaimsOf(payload, options.ledgerId);
      if (!claims) return missingClaims;
      if (level === AuthLevel.INTEGRATION_PARTY &&
        !(claims.actAs.includes(options.runAsParty) && claims.readAs.includes(options.runAsParty))) {
        return fail(401, "unauthorized", "unauthorized token");
      }
      return { ok: true, claims };
    },
  };
}

/**
 * The bearer token of a request: undefined when there is none, null when the Authorization header is not exactly
 * `Bearer <token>` (scheme case-sensitive, as the original). The query parameter counts only on GET and HEAD.
 */
export function tokenOf(request: AuthRequest): string | null | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const value = Array.isArray(header) ? (header[0] ?? "") : header;
    const space = value.indexOf(" ");
    const scheme = space < 0 ? value : value.slice(0, space);
    const token = space < 0 ? "" : value.slice(space + 1);
    return scheme === "Bearer" && token !== "" ? token : null;
  }
  if (request.method !== "GET" && request.method !== "HEAD") return undefined;
  const param = request.query?.access_token;
  const value = Array.isArray(param) ? param[0] : param;
  return value ? value : undefined;
}

/** The ledger claims of a payload when they are well-formed and name our ledger id. */
export function ledgerClaimsOf(payload: JWTPayload, ledgerId: string): LedgerClaims | undefined {
  const raw = payload[LEDGER_CLAIMS_KEY];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const claims = raw as Record<string, unknown>;
  if (claims.ledgerId !== ledgerId) return undefined;
  const parties = (value: unknown): string[] | undefined =>
    value === undefined || value === null ? [] : Array.isArray(value) && value.every((p) => typeof p === "string") ? value : undefined;
  const actAs = parties(claims.actAs);
  const readAs = parties(claims.readAs);
  if (!actAs || !readAs) return undefined;
  const result: LedgerClaims = { ledgerId, actAs, readAs };
  if (typeof claims.applicationId === "string") result.applicationId = claims.applicationId;
  return result;
}

function timesValid(payload: JWTPayload, nowMs: number): boolean {
  const nowSeconds = nowMs / 1000;
  if (typeof payload.exp === "number" && payload.exp <= nowSeconds - CLOCK_TOLERANCE_SECONDS) return false;
  if (typeof payload.nbf === "number" && payload.nbf > nowSeconds + CLOCK_TOLERANCE_SECONDS) return false;
  return true;
}
