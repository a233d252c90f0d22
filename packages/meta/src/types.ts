// Types of the metadata files. They mirror schema/*.schema.json; the key maps below are checked against the
// schema by a test, and `satisfies` makes the compiler check them against these interfaces.

export interface PackageMetadata {
  catalog?: CatalogInfo | null;
  subdeployments?: string[] | null;
  daml_model?: DamlModelInfo | null;
  integration_types?: IntegrationTypeInfo[] | null;
  /** Deprecated alias of `integration_types`. */
  integrations?: IntegrationTypeInfo[] | null;
}

export interface CatalogInfo {
  name: string;
  version: string;
  description: string;
  /** ISO date (`2024-01-02`) or date-time; in YAML an unquoted date. */
  release_date?: string | null;
  author?: string | null;
  url?: string | null;
  email?: string | null;
  license?: string | null;
  /** Deprecated: use the `experimental` tag. */
  experimental?: boolean | null;
  demo_url?: string | null;
  source_url?: string | null;
  tags?: string[];
  short_description?: string | null;
  group_id?: string | null;
  icon_file?: string | null;
  dit_if_requirement?: string | null;
}

export interface DamlModelInfo {
  name: string;
  version: string;
  main_package_id: string;
}

export interface IntegrationTypeInfo {
  id: string;
  name: string;
  description: string;
  fields: IntegrationTypeFieldInfo[];
  entrypoint: string;
  env_class?: string | null;
  runtime?: string | null;
  help_url?: string | null;
  instance_template?: string | null;
  tags?: string[];
  artifact_hash?: string | null;
}

export interface IntegrationTypeFieldInfo {
  id: string;
  name: string;
  description: string;
  field_type: string;
  help_url?: string | null;
  default_value?: string | null;
  required?: boolean;
  tags?: string[];
  field_context?: string | null;
}

/** `int_args.yaml`: which integration type to run and its config values (all strings). */
export interface IntegrationRuntimeSpec {
  type_id?: string | null;
  metadata: Record<string, string>;
}

/** How a key is typed in the schema: used to check these interfaces against the JSON Schema files. */
export type KeyKind = "string" | "string?" | "boolean" | "boolean?" | "date?" | "list" | "list?" | "object?" | "map";
interface KeySpec {
  kind: KeyKind;
  required: boolean;
}

export const PACKAGE_METADATA_KEYS = {
  catalog: { kind: "object?", required: false },
  subdeployments: { kind: "list?", required: false },
  daml_model: { kind: "object?", required: false },
  integration_types: { kind: "list?", required: false },
  integrations: { kind: "list?", required: false },
} as const satisfies Record<keyof PackageMetadata, KeySpec>;

export const CATALOG_KEYS = {
  name: { kind: "string", required: true },
  version: { kind: "string", required: true },
  description: { kind: "string", required: true },
  release_date: { kind: "date?", required: false },
  author: { kind: "string?", required: false },
  url: { kind: "string?", required: false },
  email: { kind: "string?", required: false },
  license: { kind: "string?", required: false },
  experimental: { kind: "boolean?", required: false },
  demo_url: { kind: "string?", required: false },
  source_url: { kind: "string?", required: false },
  tags: { kind: "list", required: false },
  short_description: { kind: "string?", required: false },
  group_id: { kind: "string?", required: false },
  icon_file: { kind: "string?", required: false },
  dit_if_requirement: { kind: "string?", required: false },
} as const satisfies Record<keyof CatalogInfo, KeySpec>;

export const DAML_MODEL_KEYS = {
  name: { kind: "string", required: true },
  version: { kind: "string", required: true },
  main_package_id: { kind: "string", required: true },
} as const satisfies Record<keyof DamlModelInfo, KeySpec>;

export const INTEGRATION_TYPE_KEYS = {
  id: { kind: "string", required: true },
  name: { kind: "string", required: true },
  description: { kind: "string", required: true },
  fields: { kind: "list", required: true },
  entrypoint: { kind: "string", required: true },
  env_class: { kind: "string?", required: false },
  runtime: { kind: "string?", required: false },
  help_url: { kind: "string?", required: false },
  instance_template: { kind: "string?", required: false },
  tags: { kind: "list", required: false },
  artifact_hash: { kind: "string?", required: false },
} as const satisfies Record<keyof IntegrationTypeInfo, KeySpec>;

export const FIELD_KEYS = {
  id: { kind: "string", required: true },
  name: { kind: "string", required: true },
  description: { kind: "string", required: true },
  field_type: { kind: "string", required: true },
  help_url: { kind: "string?", required: false },
  default_value: { kind: "string?", required: false },
  required: { kind: "boolean", required: false },
  tags: { kind: "list", required: false },
  field_context: { kind: "string?", required: false },
} as const satisfies Record<keyof IntegrationTypeFieldInfo, KeySpec>;

export const INT_ARGS_KEYS = {
  type_id: { kind: "string?", required: false },
  metadata: { kind: "map", required: true },
} as const satisfies Record<keyof IntegrationRuntimeSpec, KeySpec>;
