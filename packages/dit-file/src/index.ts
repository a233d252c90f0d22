// @dit/dit-file: read, write and safely extract DIT archives. Depends on nothing but Node.
export { DitFileError, type DitFileErrorCode, isDitFileError } from "./errors.js";
export {
  DEFAULT_ZIP_LIMITS, type OpenedZip, type ZipDirectoryEntry, type ZipLimits, checkEntryName, openZip,
} from "./zip-read.js";
export { type WriteZipOptions, type ZipFileInput, ZIP_EPOCH_SECONDS, dosDateTime, writeZip } from "./zip-write.js";
export { DABL_META_ENTRY, DIT_META_ENTRY, type OpenedDit, openDit, sha256Hex } from "./dit.js";
export { EXTRACTED_MARKER, type ExtractOptions, type ExtractedDit, extractDit } from "./extract.js";
