import { defineConfig } from "vitest/config";

// Tests import sibling packages from their TypeScript sources (the "@dit/source" export condition),
// so `vitest run` needs no build; end-to-end tests spawn bin/dit, which runs the built CLI.
export default defineConfig({
  resolve: { conditions: ["@dit/source", "module", "node", "import", "default"] },
  ssr: { resolve: { conditions: ["@dit/source", "module", "node", "import", "default"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    testTimeout: 20_000,
    pool: "forks",
    // One real Daml sandbox per run (scripts/real-ledger), started in the background.
    globalSetup: ["scripts/testing/real-ledger-setup.ts"],
  },
});
