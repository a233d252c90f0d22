/** Exact Daml Numeric arithmetic on BigInt: parsing with banker's rounding, range checks, JSON API formatting. */

/** Daml Numeric values have at most 38 significant digits. */
export const NUMERIC_PRECISION = 38;
const NUMERIC_INPUT = /^([+-]?)(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

export interface NumericValue {
  readonly scale: number;
  /** The value times 10^scale. */
  readonly unscaled: bigint;
}

/** Returns undefined if `text` is not a decimal number; else the value rounded half-even to `scale` digits. */
export function parseNumeric(text: string, scale: number): NumericValue | undefined {
  const match = NUMERIC_INPUT.exec(text);
  if (match === null) return undefined;
  const [, sign = "", whole = "0", fraction = "", exponentText = "0"] = match;
  const exponent = Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 10_000) return undefined;
  const digits = BigInt(whole + fraction);
  // value = digits × 10^(exponent − fraction.length); we want it × 10^scale.
  const shift = exponent - fraction.length + scale;
  let unscaled = shift >= 0 ? digits * 10n ** BigInt(shift) : divideHalfEven(digits, 10n ** BigInt(-shift));
  if (sign === "-") unscaled = -unscaled;
  return { scale, unscaled };
}

function divideHalfEven(numerator: bigint, divisor: bigint): bigint {
  const quotient = numerator / divisor;
  const twiceRemainder = (numerator % divisor) * 2n;
  if (twiceRemainder > divisor || (twiceRemainder === divisor && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

/** Numeric s holds values with fewer than 38 − s integer digits. */
export function numericInRange(value: NumericValue): boolean {
  const magnitude = value.unscaled < 0n ? -value.unscaled : value.unscaled;
  return magnitude < 10n ** BigInt(NUMERIC_PRECISION);
}

/** As the JSON API prints Numerics: trailing zeros stripped, `.0` kept for integral values (`"42.0"`, `"-0.5"`). */
export function formatNumeric(value: NumericValue): string {
  const negative = value.unscaled < 0n;
  const digits = (negative ? -value.unscaled : value.unscaled).toString().padStart(value.scale + 1, "0");
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}.${fraction === "" ? "0" : fraction}`;
}

/** The fixed-scale form LF numeric literals use in packages, e.g. `"1.5000000000"` for Numeric 10. */
export function formatNumericLiteral(value: NumericValue): string {
  const negative = value.unscaled < 0n;
  const digits = (negative ? -value.unscaled : value.unscaled).toString().padStart(value.scale + 1, "0");
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale);
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}
