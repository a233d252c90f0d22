// @dit/core: the runtime an integration runs in. The host (HTTP side) and the runtime (author API, ledger side)
// each have one entry below.
export * from "./host/index.js";
export * from "./runtime/index.js";
