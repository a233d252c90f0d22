// Access tokens as the JSON API v1 reads them (ledger-protocol.md §2): decoded, not verified: the token is
// forwarded on every Ledger API call and the ledger decides. Custom Daml claims, namespaced or legacy top-level.
import { unauthorized } from "./errors.js";

export interface TokenClaims {
  readonly token: string;
  readonly ledgerId: string;
  readonly applicationId: string;
  readonly actAs: readonly string[];
  readonly readAs: readonly string[];
  readonly admin: boolean;
}

const NAMESPACE = "https://daml.com/ledger-api";

export function bearerToken(authorization: string | undefined): string {
  const match = /^Bearer (.+)$/.exec(authorization ?? "");
  if (!match?.[1]) throw unauthorized("missing Authorization header with OAuth 2.0 Bearer Token");
  return match[1];
}

export function readClaims(token: string): TokenClaims {
  const parts = token.split(".");
  let payload: Record<string, unknown>;
  try {
    if (parts.length !== 3) throw new Error("not three parts");
    payload = JSON.parse(Buffer.from(parts[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof payload !== "object" || payload === null) throw new Error("payload is not an object");
  } catch {
    throw unauthorized("Invalid access token: not a JWT with a JSON payload");
  }
  const claims = (typeof payload[NAMESPACE] === "object" && payload[NAMESPACE] !== null ? payload[NAMESPACE] : payload) as Record<string, unknown>;
  const ledgerId = claims.ledgerId;
  const applicationId = claims.applicationId;
  if (typeof ledgerId !== "string" || ledgerId === "") throw unauthorized("ledgerId missing in access token");
  if (typeof applicationId !== "string" || applicationId === "") throw unauthorized("applicationId missing in access token");
  const parties = (value: unknown) => (Array.isArray(value) ? value.filter((p): p is string => typeof p === "string") : []);
  const legacyParty = typeof claims.party === "string" ? [claims.party] : [];
  return { token, ledgerId, applicationId, actAs: [...parties(claims.actAs), ...legacyParty], readAs: parties(claims.readAs), admin: claims.admin === true };
}

/** The parties a command acts as: meta.actAs when given, else the token's. */
export function actingParties(claims: TokenClaims, metaActAs?: readonly string[]): readonly string[] {
  const actAs = metaActAs && metaActAs.length > 0 ? metaActAs : claims.actAs;
  if (actAs.length === 0) throw unauthorized("Expected one or more parties in actAs but got none");
  return actAs;
}

/** The parties a read is for: `readers` when given, else the token's actAs and readAs. */
export function readingParties(claims: TokenClaims, readers?: readonly string[]): readonly string[] {
  const parties = readers && readers.length > 0 ? readers : [...new Set([...claims.actAs, ...claims.readAs])];
  if (parties.length === 0) throw unauthorized("Expected one or more parties in actAs or readAs but got none");
  return parties;
}
