// Parties, packages and error envelopes through @daml/ledger 2.10.4 (and raw fetch where the client hides the wire)
// against @dit/json-api on the real sandbox (ledger-protocol.md §1.3, §1.4, §2).
import { createHash, randomBytes } from "node:crypto";
import { decodeDalf, E, PackageBuilder, readArchive, T } from "@dit/daml-lf";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { describeRealLedger } from "../../../scripts/testing/real-ledger.js";
import { setUp, thing, token, type Fixture } from "./support.js";

let f: Fixture;
beforeAll(async () => {
  f = await setUp();
}, 300_000);
afterAll(async () => f?.api.close());

describeRealLedger("@dit/json-api parties, packages and errors on the real ledger", () => {
  test("allocateParty, listKnownParties, getParties (unknown parties: a warning, and null from the client)", async () => {
    const admin = f.ledger([]);
    const hint = `carol-${randomBytes(4).toString("hex")}`;
    const carol = await admin.allocateParty({ identifierHint: hint, displayName: "Carol" });
    expect(carol).toEqual({ identifier: hint, displayName: "Carol", isLocal: true });
    const known = await admin.listKnownParties();
    expect(known).toContainEqual(carol);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(await admin.getParties([carol.identifier, "nobody-here"])).toEqual([carol, null]);
    } finally {
      warn.mockRestore();
    }
    const raw = await f.http("POST", "v1/parties", [carol.identifier, "nobody-here"]);
    expect(raw.json).toEqual({ status: 200, result: [carol], warnings: { unknownParties: ["nobody-here"] } });
    const empty = await f.http("POST", "v1/parties", []);
    expect(empty.status).toBe(400);
    expect(empty.json.status).toBe(400);
    const anonymous = await admin.allocateParty({});
    expect(anonymous.identifier).not.toBe("");
    expect(anonymous.isLocal).toBe(true);
  });

  test("listPackages, getPackage (an Archive whose sha256(payload) is the package id), uploadDarFile", async () => {
    const admin = f.ledger([]);
    const listed = await admin.listPackages();
    expect(listed).toContain(f.packageId);
    const bytes = new Uint8Array(await admin.getPackage(f.packageId));
    const { payload, hash } = readArchive(bytes, "download");
    expect(hash).toBe(f.packageId);
    expect(createHash("sha256").update(payload).digest("hex")).toBe(f.packageId);
    const decoded = decodeDalf(bytes, "download");
    expect(decoded.packageId).toBe(f.packageId);
    expect(decoded.package.modules.map((m) => m.name)).toContain("Model");

    const raw = await fetch(new URL(`v1/packages/${f.packageId}`, f.api.url), { headers: { authorization: `Bearer ${token(f.ledgerId, [])}` } });
    expect(raw.headers.get("content-type")).toBe("application/octet-stream");

    const b = new PackageBuilder({ name: `dit-upload-${randomBytes(4).toString("hex")}`, version: "1.0.0", lfMinor: "12" });
    b.module("Up").template("Mark", { owner: T.party }, { signatories: (t) => E.list(T.party, [t.field("owner")]) });
    const built = b.buildDar();
    expect(listed).not.toContain(built.packageId);
    await admin.uploadDarFile(built.dar);
    expect(await admin.listPackages()).toContain(built.packageId);
    const owner = await f.party("owner");
    const mark = await f.ledger([owner]).create({ ...f.t.Thing, templateId: `${built.packageId}:Up:Mark` }, { owner });
    expect(mark.templateId).toBe(`${built.packageId}:Up:Mark`);

    const missing = await f.http("GET", `v1/packages/${"0".repeat(64)}`);
    expect(missing.status).toBe(404);
    expect(missing.json.status).toBe(404);
    const badDar = await fetch(new URL("v1/packages", f.api.url), {
      method: "POST", body: Buffer.from("not a dar"),
      headers: { "content-type": "application/octet-stream", authorization: `Bearer ${token(f.ledgerId, [])}` },
    });
    expect(badDar.status).toBe(400);
    expect(((await badDar.json()) as { status: number }).status).toBe(400);
  });

  test("401 without a token, without ledgerId or applicationId, with a malformed token; the client throws {status, errors}", async () => {
    const noToken = await fetch(new URL("v1/query", f.api.url), { headers: { "content-type": "application/json" } });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({ status: 401, errors: ["missing Authorization header with OAuth 2.0 Bearer Token"] });
    const noLedgerId = await f.http("GET", "v1/parties", undefined, { authorization: `Bearer ${token(null, [])}` });
    expect(noLedgerId).toEqual({ status: 401, json: { status: 401, errors: ["ledgerId missing in access token"] } });
    const noAppId = await f.http("GET", "v1/parties", undefined, { authorization: `Bearer ${token(f.ledgerId, [], [], null)}` });
    expect(noAppId.json).toEqual({ status: 401, errors: ["applicationId missing in access token"] });
    const garbage = await f.http("GET", "v1/parties", undefined, { authorization: "Bearer not-a-jwt" });
    expect(garbage.status).toBe(401);
    const wrongLedger = await f.http("GET", "v1/parties", undefined, { authorization: `Bearer ${token("other-ledger", [])}` });
    expect(wrongLedger.status).toBe(401);
    const noParties = await f.http("POST", "v1/create", { templateId: f.t.Thing.templateId, payload: thing("x") });
    expect(noParties.json).toEqual({ status: 401, errors: ["Expected one or more parties in actAs but got none"] });

    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const failure = await f.ledger([]).query(f.t.Thing).catch((e: unknown) => e);
      expect(failure).toMatchObject({ status: 401, errors: [expect.stringMatching(/actAs or readAs/)] });
    } finally {
      log.mockRestore();
    }
  });

  test("404 for unknown routes in the JSON API's shape; /livez and /readyz need no token", async () => {
    const unknown = await fetch(new URL("v1/query1", f.api.url), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ status: 404, errors: [`HttpMethod(POST), uri: http://127.0.0.1:${f.api.port}/v1/query1`] });
    const users = await f.http("GET", "v1/users");
    expect(users.status).toBe(404);
    for (const path of ["livez", "readyz"]) expect((await fetch(new URL(path, f.api.url))).status).toBe(200);
  });

  test("400s: body not JSON, body not an object, missing templateId, unknown choice", async () => {
    const alice = await f.party("alice");
    const auth = { authorization: `Bearer ${token(f.ledgerId, [alice])}` };
    const notJson = await f.http("POST", "v1/create", "{not json", auth);
    expect(notJson.status).toBe(400);
    expect(notJson.json.status).toBe(400);
    expect((await f.http("POST", "v1/create", [1, 2], auth)).json).toEqual({ status: 400, errors: ["the request body must be a JSON object"] });
    expect((await f.http("POST", "v1/create", { payload: {} }, auth)).json).toEqual({ status: 400, errors: ["templateId: expected a template id string"] });
    const { contractId } = await f.ledger([alice]).create(f.t.Thing, thing(alice));
    const choice = await f.http("POST", "v1/exercise", { templateId: f.t.Thing.templateId, contractId, choice: "Nope", argument: {} }, auth);
    expect(choice.status).toBe(400);
    expect((choice.json.errors as string[])[0]).toMatch(/choice: .*Nope/);
    const arg = await f.http("POST", "v1/exercise", { templateId: f.t.Thing.templateId, contractId, choice: "Rename", argument: { newName: 5 } }, auth);
    expect(arg.status).toBe(400);
    expect((arg.json.errors as string[])[0]).toMatch(/argument\.newName/);
  });

  test("GET /v1/query lists the token parties' active contracts of all known templates", async () => {
    const dave = await f.party("dave");
    const ledger = f.ledger([dave]);
    await ledger.create(f.t.Thing, thing(dave));
    await ledger.create(f.t.Account, { owner: dave, id: "all", balance: "1" });
    const { json } = await f.http("GET", "v1/query", undefined, { authorization: `Bearer ${token(f.ledgerId, [dave])}` });
    const result = json.result as Array<{ templateId: string }>;
    expect(result.map((c) => c.templateId).sort()).toEqual([f.t.Account.templateId, f.t.Thing.templateId]);
  });
});
