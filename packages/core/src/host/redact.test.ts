import { expect, test } from "vitest";
import { redactConfig, redactUrl } from "./redact.js";

test("secret-looking config fields are redacted", () => {
  expect(redactConfig({ username: "u", password: "p", apiKey: "k", clientSecret: "s", privateCert: "c", url: "x",
    authToken: "t", credentials: "c", extra: "e" }, ["extra"])).toEqual({
    username: "u", password: "[REDACTED]", apiKey: "[REDACTED]", clientSecret: "[REDACTED]", privateCert: "[REDACTED]",
    url: "x", authToken: "[REDACTED]", credentials: "[REDACTED]", extra: "[REDACTED]",
  });
});

test("access_token query parameters are redacted in URLs", () => {
  expect(redactUrl("/a?access_token=xyz")).toBe("/a?access_token=[REDACTED]");
  expect(redactUrl("/a?b=1&access_token=xyz&c=2")).toBe("/a?b=1&access_token=[REDACTED]&c=2");
  expect(redactUrl("/a?b=1")).toBe("/a?b=1");
});
