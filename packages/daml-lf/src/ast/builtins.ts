/**
 * Names of LF1 builtin functions by enum number. Only the arithmetic and text builtins whose numbers we are sure of
 * are listed; other codes stay numeric (the AST keeps the number, which is what the wire carries).
 */
const names: ReadonlyMap<number, string> = new Map([
  [7, "ADD_INT64"],
  [8, "SUB_INT64"],
  [9, "MUL_INT64"],
  [10, "DIV_INT64"],
  [11, "MOD_INT64"],
  [12, "EXP_INT64"],
  [20, "FOLDL"],
  [21, "FOLDR"],
  [23, "EXPLODE_TEXT"],
  [24, "APPEND_TEXT"],
  [25, "ERROR"],
]);

export function builtinName(code: number): string {
  return names.get(code) ?? `BUILTIN_${code}`;
}
