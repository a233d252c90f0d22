// @dit/core/testing: unit tests for an integration, on the real runtime and host, without a ledger (README
// "Testing your integration").
export {
  type IntegrationTest, TEST_PACKAGE_ID, type TestConfigValues, type TestIntegrationOptions, type TestTarget, type TestWebhookOptions,
  type TestWebhookResponse, testIntegration,
} from "./integration-test.js";
export { MemoryLedger } from "../ledger/testing/memory-ledger.js";
export { ManualClock } from "../runtime/testing/manual-clock.js";
