import { expect, test } from "vitest";
import { formatTimestamp, levelsFor } from "./logging.js";
import { captureLogging } from "../../test/host-support.js";

test("text lines have the original's layout", () => {
  const logging = captureLogging();
  logging.framework.info("Starting web endpoint...");
  logging.integration.warn("careful");
  expect(logging.lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000 \[INFO\] \(dit\) Starting web endpoint\.\.\.\n$/);
  expect(logging.lines[1]).toMatch(/ \[WARNING\] \(integration\) careful\n$/);
});

test("timestamps are UTC with +0000", () => {
  expect(formatTimestamp(Date.UTC(2024, 4, 1, 12, 0, 0))).toBe("2024-05-01T12:00:00+0000");
});

test("json format on request", () => {
  const logging = captureLogging({ format: "json" });
  logging.framework.info({ route: "/x" }, "hello");
  expect(JSON.parse(logging.lines[0] ?? "")).toMatchObject({ level: 30, name: "dit", msg: "hello", route: "/x" });
});

test("level mapping of runtime.md §6", () => {
  expect(levelsFor(0)).toEqual({ integration: "info", framework: "info", ledger: "info", root: "info" });
  expect(levelsFor(10)).toEqual({ integration: "debug", framework: "info", ledger: "info", root: "info" });
  expect(levelsFor(20)).toEqual({ integration: "debug", framework: "debug", ledger: "info", root: "info" });
  expect(levelsFor(40)).toEqual({ integration: "debug", framework: "debug", ledger: "debug", root: "debug" });
  expect(levelsFor(50)).toEqual(levelsFor(40));
});

test("setLogLevel changes levels at run time and logs the change only when a level is > 0", () => {
  const logging = captureLogging();
  logging.integration.debug("hidden");
  expect(logging.lines).toEqual([]);
  expect(logging.setLogLevel(10)).toEqual({ ok: true, level: 10 });
  logging.integration.debug("shown");
  logging.framework.debug("still hidden");
  expect(logging.text()).toContain("Updating log level to 10");
  expect(logging.text()).toContain("[DEBUG] (integration) shown");
  expect(logging.text()).not.toContain("still hidden");
  expect(logging.setLogLevel(0).ok).toBe(true);
  const before = logging.lines.length;
  expect(logging.setLogLevel(0).ok).toBe(true);
  expect(logging.lines.length).toBe(before);
  expect(logging.setLogLevel(51)).toMatchObject({ ok: false, code: "invalid_log_level" });
  expect(logging.setLogLevel(2.5).ok).toBe(false);
  expect(logging.getLogLevel()).toBe(0);
  expect(logging.debugEnabled()).toBe(false);
});

test("tokens never reach the output", () => {
  const token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
  const logging = captureLogging({ secrets: ["s3cr3t-ledger-token"] });
  logging.framework.info({ headers: { authorization: `Bearer ${token}` } }, "request");
  logging.framework.info(`token in a message ${token}`);
  logging.framework.info("GET /integration/x/hook?access_token=abc123&x=1 HTTP/1.1");
  logging.framework.info("ledger token is s3cr3t-ledger-token");
  logging.framework.info({ config: { DAML_LEDGER_TOKEN: "plain" }, token: "plain2" }, "config");
  logging.framework.error(new Error(`failed with Bearer ${token}`), "boom");
  const text = logging.text();
  for (const secret of [token, "abc123", "s3cr3t-ledger-token", "plain\"", "plain2"]) expect(text).not.toContain(secret);
  expect(text).toContain("access_token=[REDACTED]&x=1");
});

test("access lines are batched by default and written by flush()", () => {
  const logging = captureLogging({ batchAccessLog: true });
  logging.accessLog('127.0.0.1 [01/May/2024:12:00:00 +0000] "GET /x HTTP/1.1" 200 2');
  logging.accessLog('127.0.0.1 [01/May/2024:12:00:00 +0000] "GET /y?access_token=abcdef HTTP/1.1" 200 2');
  expect(logging.lines).toEqual([]);
  logging.flush();
  expect(logging.lines).toHaveLength(1);
  expect(logging.text()).toMatch(/^\S+ \[INFO\] \(dit\.access\) .*"GET \/x HTTP\/1\.1" 200 2\n\S+ \[INFO\] \(dit\.access\) .*access_token=\[REDACTED\]/);
});

test("json format sends access lines through pino", () => {
  const logging = captureLogging({ format: "json" });
  logging.accessLog("line");
  expect(JSON.parse(logging.lines[0] ?? "")).toMatchObject({ name: "dit.access", msg: "line", level: 30 });
});
