// Child process of ledger-events-real.mjs: creates contracts through the JSON API when told to, so the consumer
// being measured does not share its process (or its event loop) with the load. IPC: {go: {url, token, templateId,
// owner, count}} → {done: seconds}.
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(join(repo, "packages/core/package.json"));
const { default: Ledger } = require("@daml/ledger");
const jtv = require("@mojotech/json-type-validation");

process.on("message", async ({ go }) => {
  const ledger = new Ledger({ token: go.token, httpBaseUrl: go.url });
  const template = { templateId: go.templateId, sdkVersion: "2.10.4", decoder: jtv.unknownJson(), keyDecoder: jtv.unknownJson(), encode: (v) => v, keyEncode: (v) => v };
  const start = process.hrtime.bigint();
  for (let i = 0; i < go.count; i += 25) {
    await Promise.all(Array.from({ length: Math.min(25, go.count - i) }, (_, j) => ledger.create(template, { owner: go.owner, n: String(i + j) })));
  }
  process.send({ done: Number(process.hrtime.bigint() - start) / 1e9 });
});
process.send({ ready: true });
