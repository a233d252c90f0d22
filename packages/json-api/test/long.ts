// Imported first by every test here. vitest runs Node with `--conditions import` (vitest.config.ts), so when
// protobufjs does `require("long")` it gets long's ESM namespace, finds no `isLong`, and decodes 64-bit integers
// as JS numbers: Int64 values beyond 2^53 lose precision (9223372036854775807 comes back as -9223372036854776000).
// Plain Node (dit-json-api, dist/) finds Long. protobufjs also looks at globalThis.Long, so give it the class
// before it loads, and the tests see what production does.
import Long from "long";

(globalThis as { Long?: unknown }).Long ??= Long;
