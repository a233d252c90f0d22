import type { PackageMetadata } from "./types.js";

export const TAG_EXPERIMENTAL = "experimental";

/**
 * The normalisation the original tooling applies on every project load, as a pure function:
 * short_description defaults to name; experimental becomes a bool (true when tagged) and implies the tag;
 * deprecated `integrations` are appended to `integration_types` and cleared.
 */
export function normalizeMetadata(metadata: PackageMetadata): PackageMetadata {
  const result: PackageMetadata = { ...metadata };
  if (metadata.catalog) {
    const catalog = { ...metadata.catalog, tags: [...(metadata.catalog.tags ?? [])] };
    catalog.short_description ??= catalog.name;
    catalog.experimental = Boolean(catalog.experimental) || catalog.tags.includes(TAG_EXPERIMENTAL);
    if (catalog.experimental && !catalog.tags.includes(TAG_EXPERIMENTAL)) catalog.tags.push(TAG_EXPERIMENTAL);
    result.catalog = catalog;
  }
  if (metadata.integrations && metadata.integrations.length > 0) {
    result.integration_types = [...(metadata.integration_types ?? []), ...metadata.integrations];
    result.integrations = null;
  }
  return result;
}
