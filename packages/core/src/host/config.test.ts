import { expect, test } from "vitest";
import { describeConfig, readConfig } from "./config.js";

test("defaults of runtime.md §3.2", () => {
  expect(readConfig({})).toEqual({ ok: true, config: {
    healthPort: 8089, ledgerUrl: "http://localhost:7575", ledgerId: "cloudbox", metaPath: "dabl-meta.yaml",
    metadataPath: "int_args.yaml", integrationTypeId: undefined, party: undefined, logLevel: 0, jwksUrl: undefined,
    queueSize: 512, ledgerToken: undefined, applicationName: undefined, logFormat: "text",
  } });
});

test("an empty string counts as unset", () => {
  const result = readConfig({ DABL_HEALTH_PORT: "", DABL_LEDGER_ID: "", DAML_LEDGER_PARTY: "", DABL_JWKS_URL: "" });
  expect(result.ok && result.config).toMatchObject({ healthPort: 8089, ledgerId: "cloudbox", party: undefined, jwksUrl: undefined });
});

test("every variable is read", () => {
  const result = readConfig({
    DABL_HEALTH_PORT: "9000", DABL_LEDGER_URL: "http://ledger:7575", DABL_LEDGER_ID: "sandbox", DAML_DIT_META_PATH: "m.yaml",
    DABL_INTEGRATION_METADATA_PATH: "a.yaml", DABL_INTEGRATION_TYPE_ID: "t", DAML_LEDGER_PARTY: "Alice::1", DABL_LOG_LEVEL: " 20 ",
    DABL_JWKS_URL: "http://jwks", DABL_QUEUE_SIZE: "1_000", DAML_LEDGER_TOKEN: "tok", DAML_LEDGER_APPLICATION_NAME: "app",
    DIT_LOG_FORMAT: "json",
  });
  expect(result).toEqual({ ok: true, config: {
    healthPort: 9000, ledgerUrl: "http://ledger:7575", ledgerId: "sandbox", metaPath: "m.yaml", metadataPath: "a.yaml",
    integrationTypeId: "t", party: "Alice::1", logLevel: 20, jwksUrl: "http://jwks", queueSize: 1000, ledgerToken: "tok",
    applicationName: "app", logFormat: "json",
  } });
});

test.each([["DABL_HEALTH_PORT", "80a"], ["DABL_QUEUE_SIZE", "1.5"], ["DABL_LOG_LEVEL", "high"]])(
  "a bad integer in %s is an error value with the original's message", (variable, value) => {
    expect(readConfig({ [variable]: value })).toEqual({ ok: false, error: {
      code: "config/invalid-integer", variable, value, message: `Invalid integer ${value} in environment variable: ${variable}`,
    } });
  });

test("log level outside 0..50 and an unknown log format are errors", () => {
  expect(readConfig({ DABL_LOG_LEVEL: "51" })).toMatchObject({ ok: false, error: { code: "config/log-level-range" } });
  expect(readConfig({ DABL_LOG_LEVEL: "-1" })).toMatchObject({ ok: false, error: { code: "config/log-level-range" } });
  expect(readConfig({ DIT_LOG_FORMAT: "xml" })).toMatchObject({ ok: false, error: { code: "config/invalid-choice" } });
});

test("the described config hides the token", () => {
  const result = readConfig({ DAML_LEDGER_TOKEN: "secret-token" });
  expect(result.ok && JSON.stringify(describeConfig(result.config))).not.toContain("secret-token");
});
