/**
 * Modules the host provides to a Node integration (`runtime: node-dit`): `dit pack` leaves them out of the bundle,
 * and whoever loads a bundle (the pack self-check, `dit run FILE.dit`) makes them resolve to the CLI's own copies
 * with a module-resolution hook, since an extracted DIT has no node_modules.
 */
import { register } from "node:module";

export const NODE_RUNTIME = "node-dit";
export const HOST_PROVIDED_MODULES = ["@dit/core", "@daml/ledger", "@daml/types"] as const;

/** [specifier, parent URL to resolve it from]: @dit/core from the CLI, @daml/* from @dit/core (which depends on them). */
export function hostModuleParents(): [string, string][] {
  const coreUrl = import.meta.resolve("@dit/core");
  return [["@dit/core", import.meta.url], ["@daml/ledger", coreUrl], ["@daml/types", coreUrl]];
}

let registered = false;

/** Installs the resolution hook in this process (once); later `import()`s of bundles find the host modules. */
export function registerHostModules(): void {
  if (registered) return;
  registered = true;
  register(new URL("./host-hooks.js", import.meta.url), { data: { parents: hostModuleParents() } });
}
