// The test JWKS: one ES256 key pair per process, served to the host's JWKS cache by a fetch function (no network),
// and tokens signed with it in the ledger-claims form Daml Hub issues.
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { LedgerClaims } from "../contract.js";
import { LEDGER_CLAIMS_KEY } from "../host/auth.js";

export const TEST_JWKS_URL = "http://jwks.dit.test/.well-known/jwks.json";
const KID = "dit-test";

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let keys: Promise<{ pair: KeyPair; jwks: string }> | undefined;

function testKeys(): Promise<{ pair: KeyPair; jwks: string }> {
  keys ??= generateKeyPair("ES256").then(async (pair) => ({
    pair, jwks: JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: "ES256", use: "sig" }] }),
  }));
  return keys;
}

/** The `fetch` the host's JWKS cache uses in tests: answers the test JWKS for any URL. */
export const testJwks: typeof fetch = async () =>
  new Response((await testKeys()).jwks, { headers: { "content-type": "application/json" } });

/** A token of the test JWKS with these ledger claims, valid for an hour. */
export async function signTestToken(claims: LedgerClaims): Promise<string> {
  const { pair } = await testKeys();
  return new SignJWT({ [LEDGER_CLAIMS_KEY]: claims })
    .setProtectedHeader({ alg: "ES256", kid: KID })
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(pair.privateKey);
}
