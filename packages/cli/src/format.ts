import { relative } from "node:path";
import type { Diagnostic } from "@dit/meta";
import type { ChalkInstance } from "chalk";

export interface FormatOptions {
  cwd: string;
  colors: ChalkInstance;
  /** Text of each file by absolute path, for code frames. */
  sources: Record<string, string>;
}

export function displayFile(file: string | undefined, cwd: string): string {
  if (!file) return "<input>";
  const rel = relative(cwd, file);
  return rel === "" ? "." : rel.startsWith("..") && rel.split("/").length > 3 ? file : rel;
}

/** `file:line:col  severity  message  (rule)`, then a code frame and any hint. */
export function formatDiagnostic(d: Diagnostic, options: FormatOptions): string {
  const { colors } = options;
  const where = displayFile(d.file, options.cwd) + (d.line ? `:${d.line}:${d.col ?? 1}` : "");
  const severity = d.severity === "error" ? colors.red("error") : colors.yellow("warning");
  const lines = [`${colors.bold(where)}  ${severity}  ${d.message}  ${colors.dim(`(${d.rule})`)}`];
  const text = d.file ? options.sources[d.file] : undefined;
  if (text !== undefined && d.line) lines.push(...codeFrame(text, d, colors));
  if (d.hint) lines.push(`    ${colors.cyan("hint:")} ${d.hint}`);
  return lines.join("\n");
}

const FRAME_WIDTH = 80;

function codeFrame(text: string, d: Diagnostic, colors: ChalkInstance): string[] {
  const all = text.split(/\r?\n/);
  const line = d.line ?? 1;
  const col = d.col ?? 1;
  const first = Math.max(1, line - 1);
  const gutter = String(line).length;
  const width = d.endLine === line && d.endCol && d.endCol > col ? d.endCol - col : 1;
  // Long lines are cut to a window around the column so the caret stays visible.
  const offset = col > FRAME_WIDTH - 10 ? col - 20 : 0;
  const cut = (s: string) => (offset > 0 ? "…" + s.slice(offset + 1) : s).slice(0, FRAME_WIDTH);
  const out: string[] = [];
  for (let n = first; n <= line && n <= all.length; n++) {
    const marker = n === line ? colors.red(">") : " ";
    out.push(`  ${marker} ${String(n).padStart(gutter)} | ${cut(all[n - 1] ?? "")}`);
  }
  const caretCol = col - offset;
  out.push(`    ${" ".repeat(gutter)} | ${" ".repeat(Math.max(0, caretCol - 1))}${colors.red("^".repeat(Math.min(width, FRAME_WIDTH)))}`);
  return out;
}

export function countLabel(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
