// Template ids as registrations name them (`ensure_package_id`) and contract matching (dazl's `is_match`).
import type { DamlModelInfo } from "@dit/meta";
import { RuntimeError } from "./errors.js";

/**
 * Qualifies `Mod:Ent` with the main package id; `*`, `pkg:*` and `pkg:Mod:Ent` are unchanged.
 * A two-part id without a known main package is an error (as in the original).
 */
export function qualifyTemplateId(model: Pick<DamlModelInfo, "main_package_id"> | null | undefined, templateId: string): string {
  if (templateId === "*") return templateId;
  const parts = templateId.split(":");
  if (parts.length === 3 && parts.every(Boolean)) return templateId;
  if (parts.length === 2 && parts[0] && parts[1] && parts[0] !== "*") {
    if (parts[1] === "*") return templateId;
    if (!model?.main_package_id) {
      throw new RuntimeError("template/no-default-model", `No default model known when ensuring package ID: ${templateId}`);
    }
    return `${model.main_package_id}:${templateId}`;
  }
  throw new RuntimeError("template/invalid", `"${templateId}" is not a template id: expected "*", "pkg:*", "Module:Entity" or "pkg:Module:Entity"`);
}

/** Does a registration's template pattern (already qualified) cover a contract's full template id? */
export function templateMatches(pattern: string, templateId: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(":*")) return templateId.startsWith(pattern.slice(0, -1));
  return pattern === templateId;
}

/** A contract filter: a predicate on the payload, or a partial payload object (see `matchesPayload`). */
export type ContractMatch<T = Record<string, unknown>> = ((payload: T) => boolean) | Partial<Record<keyof T & string, unknown>>;

/**
 * dazl's `is_match`: per key, `null` matches only null/absent, a function is a predicate on the field, a nested
 * object is matched recursively and decides the result at once (a dazl quirk kept for compatibility), anything else
 * is compared with `===` (payload values are LF-JSON: Int64 and Numeric are strings).
 */
export function matchesPayload(match: ContractMatch<never> | undefined, payload: unknown): boolean {
  if (match === undefined) return true;
  if (typeof match === "function") return Boolean((match as (p: unknown) => unknown)(payload));
  return matchObject(match as Record<string, unknown>, payload);
}

function matchObject(match: Record<string, unknown>, payload: unknown): boolean {
  const data = (typeof payload === "object" && payload !== null ? payload : {}) as Record<string, unknown>;
  for (const [key, expected] of Object.entries(match)) {
    const actual = data[key];
    if (expected === null) {
      if (actual !== null && actual !== undefined) return false;
    } else if (typeof expected === "function") {
      if (!(expected as (v: unknown) => unknown)(actual)) return false;
    } else if (typeof expected === "object" && !Array.isArray(expected)) {
      return matchObject(expected as Record<string, unknown>, actual);
    } else if (Array.isArray(expected)) {
      if (JSON.stringify(expected) !== JSON.stringify(actual)) return false;
    } else if (expected !== actual) {
      return false;
    }
  }
  return true;
}
