/** The protobufjs reflection root for Daml-LF 1.x, built once from the hand-written descriptors. */
import protobuf from "protobufjs";
import { exprMessages } from "./schema-expr.js";
import { packageMessages } from "./schema-package.js";

export const lfRoot: protobuf.Root = protobuf.Root.fromJSON({
  nested: { daml_lf: { nested: { ...packageMessages, ...exprMessages } } },
});

export const ArchiveType: protobuf.Type = lfRoot.lookupType("daml_lf.Archive");
export const ArchivePayloadType: protobuf.Type = lfRoot.lookupType("daml_lf.ArchivePayload");

// Real packages nest expressions far deeper than protobufjs's default limit of 100 (ledger-protocol.md §4.5).
const DEEP_RECURSION_LIMIT = 1_000_000;

/**
 * Runs `work` with protobufjs's global recursion limits raised, restoring them afterwards so other protobufjs users in
 * the process are unaffected (the work is synchronous).
 */
export function withDeepRecursion<T>(work: () => T): T {
  const readerLimit = protobuf.Reader.recursionLimit;
  const utilLimit = protobuf.util.recursionLimit;
  protobuf.Reader.recursionLimit = DEEP_RECURSION_LIMIT;
  protobuf.util.recursionLimit = DEEP_RECURSION_LIMIT;
  try {
    return work();
  } finally {
    protobuf.Reader.recursionLimit = readerLimit;
    protobuf.util.recursionLimit = utilLimit;
  }
}
