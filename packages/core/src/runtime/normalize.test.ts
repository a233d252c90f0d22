import { describe, expect, test } from "vitest";
import { create, exercise } from "./commands.js";
import { normalizeResult } from "./normalize.js";
import { jsonResponse, toWebhookReply } from "./responses.js";

const c = create("M:T", { a: 1 });

describe("handler return normalisation (spec §3.10, bug 5 fixed)", () => {
  test("nothing, a single command, a list, a response object", () => {
    expect(normalizeResult(undefined).commands).toEqual([]);
    expect(normalizeResult(null).commands).toEqual([]);
    expect(normalizeResult(c).commands).toEqual([c]);
    expect(normalizeResult([c, c]).commands).toEqual([c, c]);
    const r = normalizeResult({ commands: [c], commandTimeout: 5 });
    expect(r).toMatchObject({ commands: [c], commandTimeoutSeconds: 5 });
    expect(normalizeResult({}).commandTimeoutSeconds).toBe(30);
  });

  test("a string is not a list of commands; junk is rejected before anything is submitted", () => {
    expect(() => normalizeResult("create")).toThrow(/a string/);
    expect(() => normalizeResult(42)).toThrow(/number/);
    expect(() => normalizeResult([c, { kind: "nope" }])).toThrow(/\[1\] is not a command/);
    expect(() => normalizeResult({ comands: [c] })).toThrow(/unknown keys "comands"/);
    expect(() => normalizeResult({ commandTimeout: 0 })).toThrow(/positive/);
  });

  test("typed and untyped command helpers give the same data", () => {
    const template = { templateId: "p:M:T" };
    const choice = { choiceName: "Go", template: () => template };
    expect(exercise("p:M:T", "#1:0", "Go", { x: 1 })).toEqual(
      exercise(choice as never, "#1:0" as never, { x: 1 } as never));
  });
});

describe("webhook responses (bug 3 fixed: response > json > text > blob > 200: OK)", () => {
  test("default is 200: OK text", () => {
    expect(toWebhookReply({})).toEqual({ status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: "200: OK" });
  });
  test("priority", () => {
    const response = jsonResponse({ a: 1 }, { status: 201 });
    expect(toWebhookReply({ response, json: 1, text: "t" }).status).toBe(201);
    expect(toWebhookReply({ json: { é: [1, "x"] }, text: "t" }).body).toBe('{"\\u00e9": [1, "x"]}\n');
    expect(toWebhookReply({ text: "hi", blob: "b", status: 202 })).toMatchObject({ status: 202, body: "hi" });
    expect(toWebhookReply({ blob: "b", contentType: "image/png" })).toMatchObject({ headers: { "content-type": "image/png" }, body: "b" });
    expect(toWebhookReply({ json: null }).body).toBe("null\n");
  });
  test("a returned HTTP response is used as the response", () => {
    expect(normalizeResult(jsonResponse({ ok: true })).webhook.response?.status).toBe(200);
  });
});
