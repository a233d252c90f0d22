/**
 * Which LF 1.x minor has which feature, as the real Daml engine's decoder enforces it (checked against Daml Sandbox
 * 1.13.1 for 1.8–1.13, see test/real-ledger-upload.test.ts): a package that uses a feature its minor lacks is
 * refused on upload, so the encoder refuses it first, naming the definition.
 */
import type { LfPackage, TemplateChoice } from "../ast/package.js";
import { DamlLfError } from "../errors.js";

/** `minor` is `"dev"` or at least `since`. */
export function lfAtLeast(minor: string, since: number): boolean {
  return minor === "dev" || Number(minor) >= since;
}

/** Expression, update, pattern and literal kinds and primitive types that need a minimum minor. */
const kindSince: Readonly<Record<string, number>> = {
  exerciseByKey: 11,
  tryCatch: 14, throw: 14, toAnyException: 14, fromAnyException: 14,
  toInterface: 15, fromInterface: 15, callInterface: 15, signatoryInterface: 15, observerInterface: 15,
  viewInterface: 15, unsafeFromInterface: 15, interfaceTemplateTypeRep: 15, toRequiredInterface: 15,
  fromRequiredInterface: 15, unsafeFromRequiredInterface: 15, createInterface: 15, exerciseInterface: 15,
  fetchInterface: 15,
  roundingMode: 13,
};
const primSince: Readonly<Record<string, number>> = { GenMap: 11, BigNumeric: 13, RoundingMode: 13, AnyException: 14 };

function refuse(minor: string, what: string, since: number | "dev"): never {
  const need = since === "dev" ? "LF 1.dev" : `LF 1.${since} or later`;
  throw new DamlLfError("build/invalid", `cannot encode LF 1.${minor}: ${what} needs ${need}`);
}

/** Throws `build/invalid` for the first feature of `pkg` that LF 1.`minor` does not have. */
export function checkFeatures(pkg: LfPackage, minor: string): void {
  const need = (since: number, what: string) => {
    if (!lfAtLeast(minor, since)) refuse(minor, what, since);
  };
  if (pkg.metadata !== undefined) need(8, "package metadata (name and version)");
  if (pkg.metadata?.upgradedPackageId !== undefined) need(16, "an upgraded package id");
  for (const m of pkg.modules) {
    if (m.synonyms.length > 0) need(8, `module ${m.name}: type synonym ${m.synonyms[0]?.name}`);
    if (m.exceptions.length > 0) need(14, `module ${m.name}: exception ${m.exceptions[0]?.name}`);
    if (m.interfaces.length > 0) need(15, `module ${m.name}: interface ${m.interfaces[0]?.tycon}`);
    const choices: [string, TemplateChoice][] = [];
    for (const t of m.templates) {
      if (t.implements.length > 0) need(15, `template ${m.name}:${t.tycon}: interface instances`);
      for (const c of t.choices) choices.push([`template ${m.name}:${t.tycon}`, c]);
    }
    for (const i of m.interfaces) for (const c of i.choices) choices.push([`interface ${m.name}:${i.tycon}`, c]);
    for (const [owner, c] of choices) {
      // From LF 1.11 every choice has observers (possibly the empty list); before, none may have them.
      if (lfAtLeast(minor, 11) && c.observers === undefined) {
        throw new DamlLfError("build/invalid", `cannot encode LF 1.${minor}: ${owner} choice ${c.name} has no observers (required from LF 1.11 on; use an empty list)`);
      }
      if (c.observers !== undefined) need(11, `${owner} choice ${c.name}: choice observers`);
      if (c.authorizers !== undefined && minor !== "dev") refuse(minor, `${owner} choice ${c.name}: choice authorizers`, "dev");
    }
    const found = firstKindBefore(m, minor);
    if (found !== undefined) need(found.since, `module ${m.name}: ${found.what}`);
  }
}

/** Walks the module's AST (iteratively, visiting shared objects once) for a kind or prim newer than `minor`. */
function firstKindBefore(root: object, minor: string): { since: number; what: string } | undefined {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    const record = node as Record<string, unknown>;
    const kind = record["kind"];
    if (typeof kind === "string") {
      const since = kindSince[kind];
      if (since !== undefined && !lfAtLeast(minor, since)) return { since, what: `${kind} expressions` };
      const prim = record["prim"];
      const primSinceMinor = kind === "prim" && typeof prim === "string" ? primSince[prim] : undefined;
      if (primSinceMinor !== undefined && !lfAtLeast(minor, primSinceMinor)) return { since: primSinceMinor, what: `the ${String(prim)} type` };
    }
    for (const value of Object.values(record)) if (value !== null && typeof value === "object") stack.push(value);
  }
  return undefined;
}
