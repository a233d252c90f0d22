// @dit/meta: parse, validate, normalise and coerce Daml Hub DIT metadata and int_args.yaml.
export { type Diagnostic, type RuleId, type Severity, RULES, displayPath, hasErrors, sortDiagnostics } from "./diagnostics.js";
export {
  type ConfigValue, type CoercedValue, type FieldType, type FieldTypeKind, type ParsedFieldType,
  coerceFieldValue, describeFieldType, parseFieldType,
} from "./field-type.js";
export { generateIntArgs, integrationTypesOf } from "./genargs.js";
export {
  type IntArgsOptions, type IntArgsResult, type IntegrationConfig,
  RESERVED_PREFIX, RUN_AS_KEY, RUN_AS_PARTY_KEY, isReservedKey, loadIntArgs, validateIntArgsText,
} from "./int-args.js";
export { type MetadataResult, type ValidateOptions, loadMetadata, validateMetadataText } from "./metadata.js";
export { TAG_EXPERIMENTAL, normalizeMetadata } from "./normalize.js";
export { type SchemaName, loadSchema, schemaPath } from "./schema.js";
export { type SemVer, parseSemver } from "./semver.js";
export {
  DABL_META_NAME, DAML_YAML_NAME, DIT_META_KEY, DIT_META_NAME, DIT_META_NAMES, INT_ARGS_NAME, type MetadataLocation,
  metadataFilesIn,
} from "./sources.js";
export type {
  CatalogInfo, DamlModelInfo, IntegrationRuntimeSpec, IntegrationTypeFieldInfo, IntegrationTypeInfo, PackageMetadata,
} from "./types.js";
export { DEFAULT_LIMITS, type YamlLimits } from "./yaml-source.js";
