#!/usr/bin/env node
// dit-json-api --ledger HOST:PORT [--port N] [--host H] [--port-file F]: the JSON API v1 over a gRPC ledger.
import { writeFileSync } from "node:fs";
import { startJsonApi } from "./start.js";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const ledger = flag("--ledger");
if (!ledger || args.includes("--help")) {
  console.error("usage: dit-json-api --ledger HOST:PORT [--port N] [--host 127.0.0.1] [--port-file FILE]");
  process.exit(ledger ? 0 : 2);
}
try {
  const port = flag("--port");
  const host = flag("--host");
  const server = await startJsonApi({ ledger, ...(port ? { port: Number(port) } : {}), ...(host ? { host } : {}) });
  const portFile = flag("--port-file");
  if (portFile) writeFileSync(portFile, `${server.port}\n`);
  console.log(`JSON API v1 on ${server.url} for the ledger at ${ledger} (ledger id ${server.ledgerId})`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} catch (error) {
  console.error(`dit-json-api: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
