import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar } from "yaml";
import type { Document, Node as YamlNode, Pair } from "yaml";
import { type Diagnostic, joinPointer, splitPointer } from "./diagnostics.js";
import { pyyamlTagsForYamlLib } from "./pyyaml-scalars.js";
import { type DateIndex, toJson } from "./to-json.js";

/** Caps that keep a hostile or accidental input from exhausting memory. */
export interface YamlLimits {
  /** Largest accepted document, in bytes of UTF-8 (default 16 MiB). */
  maxBytes?: number;
  /** Alias expansion budget, as in `yaml`'s `maxAliasCount` (default 100). */
  maxAliasCount?: number;
}

export const DEFAULT_LIMITS: Required<YamlLimits> = { maxBytes: 16 * 1024 * 1024, maxAliasCount: 100 };

export interface Position {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/** Where values are in the source; checks take this, so they also run where positions are not known. */
export interface Locator {
  readonly file: string | undefined;
  position(pointer: string, atKey?: boolean): Position;
  scalar(pointer: string): { text: string; quoted: boolean } | undefined;
}

/** For a document parsed without positions: every finding is at 1:1. */
export function locatorWithoutPositions(file: string | undefined): Locator {
  return { file, position: () => ({ line: 1, col: 1, endLine: 1, endCol: 1 }), scalar: () => undefined };
}

export function tooLarge(text: string, file: string | undefined, maxBytes: number): Diagnostic | undefined {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes <= maxBytes) return undefined;
  return { severity: "error", rule: "yaml/too-large", file, path: "", line: 1, col: 1,
    message: `document is ${bytes} bytes, over the ${maxBytes}-byte limit` };
}

/**
 * A YAML 1.1 document (the rules PyYAML applies, so `1.0` is a float, `2024-01-01` a date and `yes` a bool)
 * with source positions for every node. `root` may be a sub-node, e.g. the `dit-meta` key of daml.yaml.
 */
export class YamlSource implements Locator {
  private constructor(
    readonly file: string | undefined,
    readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    readonly root: YamlNode | null,
  ) {}

  /** Parses `text`; returns the source, or the syntax/limit diagnostics that stop further checks. */
  static parse(
    text: string,
    file: string | undefined,
    limits: YamlLimits = {},
  ): { source?: YamlSource; value?: unknown; dates?: DateIndex; diagnostics: Diagnostic[] } {
    const { maxBytes, maxAliasCount } = { ...DEFAULT_LIMITS, ...limits };
    const large = tooLarge(text, file, maxBytes);
    if (large) return { diagnostics: [large] };
    const lines = new LineCounter();
    const doc = parseDocument(text, {
      version: "1.1", customTags: pyyamlTagsForYamlLib, lineCounter: lines, uniqueKeys: false, prettyErrors: false,
    });
    const at = (offset: number) => lines.linePos(Math.min(offset, text.length));
    const diagnostics: Diagnostic[] = doc.errors.map((error) => {
      const start = at(error.pos[0]);
      const end = at(error.pos[1]);
      return {
        severity: "error",
        rule: "yaml/syntax",
        file,
        path: "",
        line: start.line,
        col: start.col,
        endLine: end.line,
        endCol: end.col,
        message: describeSyntaxError(error.code, error.message),
        ...syntaxHint(error.code),
      };
    });
    if (diagnostics.length > 0) return { diagnostics };
    const source = new YamlSource(file, text, doc, lines, doc.contents);
    let value: unknown;
    const dates: DateIndex = new Map();
    try {
      value = toJson(doc.toJS({ maxAliasCount }), dates);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        diagnostics: [
          { severity: "error", rule: "yaml/alias-limit", file, path: "", line: 1, col: 1,
            message: `too many alias expansions (limit ${maxAliasCount}): ${message}` },
        ],
      };
    }
    source.findDuplicateKeys(source.root, "", diagnostics);
    return { source, value, dates, diagnostics };
  }

  /** A view of this document whose root is the value at `pointer` (for metadata embedded in daml.yaml). */
  subSource(pointer: string): YamlSource {
    return new YamlSource(this.file, this.text, this.doc, this.lines, this.nodeAt(pointer)?.value ?? null);
  }

  /** The node at a JSON pointer below `root`, and the key node of the pair that holds it. */
  nodeAt(pointer: string): { value: YamlNode | null; key?: YamlNode } | undefined {
    let current: { value: YamlNode | null; key?: YamlNode } = { value: this.root };
    for (const segment of splitPointer(pointer)) {
      const node = this.resolve(current.value);
      if (isMap(node)) {
        const pair = [...node.items].reverse().find((p) => keyText(p) === segment);
        if (!pair) return undefined;
        current = { value: (pair.value as YamlNode | null) ?? null, key: pair.key as YamlNode };
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined) return undefined;
        current = { value: item as YamlNode };
      } else {
        return undefined;
      }
    }
    return current;
  }

  /** Where the value at `pointer` is (or its key, with `atKey`); falls back to the nearest existing parent. */
  position(pointer: string, atKey = false): Position {
    const segments = splitPointer(pointer);
    for (let n = segments.length; n >= 0; n--) {
      const found = this.nodeAt(joinPointer("", ...segments.slice(0, n)));
      if (!found) continue;
      const node = (atKey || n < segments.length) && found.key ? found.key : (found.value ?? found.key);
      if (node?.range) return this.rangeToPosition(node.range[0], node.range[1]);
      if (found.key?.range) return this.rangeToPosition(found.key.range[0], found.key.range[1]);
    }
    return { line: 1, col: 1, endLine: 1, endCol: 1 };
  }

  /** The scalar at `pointer` as written (quotes included), with its YAML style; undefined for non-scalars. */
  scalar(pointer: string): { text: string; quoted: boolean; value: unknown } | undefined {
    const node = this.resolve(this.nodeAt(pointer)?.value ?? null);
    if (!isScalar(node) || !node.range) return undefined;
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    return { text: this.text.slice(node.range[0], node.range[1]).trimEnd(), quoted, value: node.value };
  }

  private resolve(node: YamlNode | null): YamlNode | null {
    return isAlias(node) ? ((node.resolve(this.doc) as YamlNode | undefined) ?? null) : node;
  }

  private rangeToPosition(start: number, end: number): Position {
    const a = this.lines.linePos(start);
    const b = this.lines.linePos(Math.max(start, end));
    return { line: a.line, col: a.col, endLine: b.line, endCol: b.col };
  }

  private findDuplicateKeys(node: YamlNode | null, pointer: string, out: Diagnostic[]): void {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = keyText(pair);
        if (key === undefined) continue;
        if (seen.has(key) && key !== "<<") {
          const range = (pair.key as YamlNode).range ?? [0, 0];
          out.push({
            severity: "warning", rule: "yaml/duplicate-key", file: this.file, path: joinPointer(pointer, key),
            ...this.rangeToPosition(range[0], range[1]),
            message: `key "${key}" appears more than once; the last value wins`,
          });
        }
        seen.add(key);
        this.findDuplicateKeys(pair.value as YamlNode | null, joinPointer(pointer, key), out);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => this.findDuplicateKeys(item as YamlNode, joinPointer(pointer, i), out));
    }
  }
}

function keyText(pair: Pair): string | undefined {
  if (!isPair(pair)) return undefined;
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return key == null ? "" : undefined;
}

function describeSyntaxError(code: string, message: string): string {
  if (code === "BLOCK_AS_IMPLICIT_KEY") return 'mapping values are not allowed here: a plain value contains ": "';
  const firstLine = message.split("\n")[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, "");
}

function syntaxHint(code: string): { hint?: string } {
  if (code === "BLOCK_AS_IMPLICIT_KEY" || code === "MULTILINE_IMPLICIT_KEY") {
    return { hint: 'a plain value may not contain ": "; quote the whole value, e.g. description: "a: b"' };
  }
  if (code === "TAB_AS_INDENT") return { hint: "indent with spaces, not tabs" };
  return {};
}
