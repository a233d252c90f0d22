/**
 * Names of LF1 builtin functions (the `BuiltinFunction` enum) by number. Only the arithmetic and text builtins are
 * named; other codes stay numeric (the AST keeps the number, which is what the wire carries). The schema test checks
 * these against the real enum.
 */
export const builtinNumbers: readonly (readonly [string, number])[] = [
  ["ADD_INT64", 7],
  ["SUB_INT64", 8],
  ["MUL_INT64", 9],
  ["DIV_INT64", 10],
  ["MOD_INT64", 11],
  ["EXP_INT64", 12],
  ["FOLDL", 20],
  ["FOLDR", 21],
  ["EXPLODE_TEXT", 23],
  ["APPEND_TEXT", 24],
  ["ERROR", 25],
];

const names: ReadonlyMap<number, string> = new Map(builtinNumbers.map(([name, code]) => [code, name]));

export function builtinName(code: number): string {
  return names.get(code) ?? `BUILTIN_${code}`;
}
