/**
 * @dit/daml-lf: read and write DARs (Daml-LF 1.x) without the Daml SDK, verify package ids, summarise templates,
 * and encode/decode LF-JSON values (the JSON API v1 encoding).
 */
export { DamlLfError, isDamlLfError } from "./errors.js";
export type { DamlLfErrorCode, DamlLfErrorDetails } from "./errors.js";

export type * from "./ast/types.js";
export type * from "./ast/expr.js";
export type * from "./ast/package.js";
export { primTypeByNumber } from "./ast/types.js";
export { absoluteType, formatQualifiedName, formatType, substituteType } from "./ast/type-utils.js";
export { builtinName } from "./ast/builtins.js";

export { readZip, defaultZipLimits } from "./zip/zip.js";
export type { ZipEntry, ZipLimits } from "./zip/zip.js";
export { writeZip } from "./zip/zip.js";
export type { ZipInput } from "./zip/zip.js";

export { formatManifest, parseManifest, MANIFEST_PATH } from "./dar/manifest.js";
export type { DarManifest, ManifestInput } from "./dar/manifest.js";
export { darInfo, readDar } from "./dar/read-dar.js";
export type { Dar, DarInfo, ReadDarOptions } from "./dar/read-dar.js";
export { writeDar } from "./dar/write-dar.js";
export type { WriteDarInput } from "./dar/write-dar.js";

export { decodeDalf, readArchive, supportedLfMinors } from "./decode/decode-archive.js";
export type { ArchiveParts, DecodedDalf } from "./decode/decode-archive.js";
export { encodeDalf } from "./encode/encode-module.js";
export type { EncodedDalf } from "./encode/encode-module.js";

export { findTemplate, formatTemplateId, parseTemplateId, summarizeDar, summarizePackage } from "./summary/summary.js";
export type { ChoiceSummary, DarSummary, InterfaceSummary, PackageSummary, TemplateSummary } from "./summary/summary.js";

export { LfTypeIndex } from "./codec/type-index.js";
export type { ResolvedDataCons, ResolvedDataType, ResolvedSynonym } from "./codec/type-index.js";
export { decodeLfJson, encodeLfJson, normalizeLfJson, templatePayloadType } from "./codec/lf-json.js";
export type { LfJsonOptions } from "./codec/lf-json.js";
export type { JsonValue, LfValue } from "./codec/value.js";
export { formatNumeric, formatNumericLiteral, numericInRange, parseNumeric } from "./codec/numeric.js";
export type { NumericValue } from "./codec/numeric.js";
export { formatDate, formatTimestamp, parseDate, parseTimestamp } from "./codec/time.js";

export { E, T, selfRef } from "./builder/lf.js";
export { ModuleBuilder, PackageBuilder } from "./builder/package-builder.js";
export type { BuiltDar, ChoiceScope, ChoiceSpec, PackageBuilderOptions, TemplateScope, TemplateSpec } from "./builder/package-builder.js";
