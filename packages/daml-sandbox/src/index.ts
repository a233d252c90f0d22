export { DAML_SANDBOX_MAIN, DAML_SANDBOX_VERSION, damlSandboxClasspath, defaultCacheDir, startDamlSandbox } from "./sandbox.js";
export type { DamlSandbox, DamlSandboxOptions } from "./sandbox.js";
