/** JAR-style `META-INF/MANIFEST.MF` as damlc writes it: `Key: value` lines wrapped at 72 bytes. */
import { DamlLfError } from "../errors.js";

export interface DarManifest {
  /** Every main-section attribute, continuation lines joined. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly mainDalf: string;
  /** All DALF paths, including the main one. */
  readonly dalfs: readonly string[];
  readonly sdkVersion: string | undefined;
  readonly name: string | undefined;
}

export const MANIFEST_PATH = "META-INF/MANIFEST.MF";

export function parseManifest(text: string, file: string): DarManifest {
  const attributes = new Map<string, string>();
  // Continuation lines start with one space: unwrap first, then split.
  const unwrapped = text.replace(/\r?\n /g, "");
  for (const line of unwrapped.split(/\r?\n/)) {
    if (line.trim() === "") {
      if (attributes.size > 0) break; // the main section ends at the first blank line
      continue;
    }
    const colon = line.indexOf(": ");
    if (colon <= 0) {
      throw new DamlLfError("dar/bad-manifest", `${file}: ${MANIFEST_PATH} has a line without "Key: value": "${line}"`, { file });
    }
    attributes.set(line.slice(0, colon), line.slice(colon + 2));
  }
  const mainDalf = attributes.get("Main-Dalf");
  if (mainDalf === undefined || mainDalf === "") {
    throw new DamlLfError("dar/bad-manifest", `${file}: ${MANIFEST_PATH} has no Main-Dalf attribute`, { file });
  }
  const listed = (attributes.get("Dalfs") ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
  const dalfs = listed.includes(mainDalf) ? listed : [mainDalf, ...listed];
  return { attributes, mainDalf, dalfs, sdkVersion: attributes.get("Sdk-Version"), name: attributes.get("Name") };
}

export interface ManifestInput {
  readonly mainDalf: string;
  readonly dalfs: readonly string[];
  readonly sdkVersion: string;
  readonly name: string;
}

/** Writes a manifest the way damlc does, including the 72-byte line wrapping. */
export function formatManifest(input: ManifestInput): string {
  const lines: [string, string][] = [
    ["Manifest-Version", "1.0"],
    ["Created-By", "dit"],
    ["Name", input.name],
    ["Sdk-Version", input.sdkVersion],
    ["Main-Dalf", input.mainDalf],
    ["Dalfs", input.dalfs.join(", ")],
    ["Format", "daml-lf"],
    ["Encryption", "non-encrypted"],
  ];
  return lines.map(([key, value]) => wrapLine(`${key}: ${value}`)).join("\r\n") + "\r\n";
}

function wrapLine(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 72) return line;
  const chunks: string[] = [];
  let start = 0;
  let width = 72;
  while (start < bytes.length) {
    let end = Math.min(start + width, bytes.length);
    while (end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--; // never split a UTF-8 sequence
    chunks.push(bytes.toString("utf8", start, end));
    start = end;
    width = 71; // continuation lines begin with a space
  }
  return chunks.join("\r\n ");
}
