/** Daml Date (days since 1970-01-01) and Timestamp (µs since the epoch, UTC) ↔ JSON API strings. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;
const MS_PER_DAY = 86_400_000;
// Daml's range: 0001-01-01 through 9999-12-31.
const MIN_DAY = daysFromCivil(1, 1, 1);
const MAX_DAY = daysFromCivil(9999, 12, 31);
const MIN_MICROS = BigInt(MIN_DAY) * 86_400_000_000n;
const MAX_MICROS = (BigInt(MAX_DAY) + 1n) * 86_400_000_000n - 1n;

function daysFromCivil(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(0, 0, 0, 0);
  return Math.round(date.getTime() / MS_PER_DAY);
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const date = new Date(days * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function validCivil(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const { year: y, month: m, day: d } = civilFromDays(daysFromCivil(year, month, day));
  return y === year && m === month && d === day;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Days since the epoch, or undefined if not a valid `YYYY-MM-DD` within Daml's range. */
export function parseDate(text: string): number | undefined {
  const match = DATE.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!validCivil(year, month, day)) return undefined;
  const days = daysFromCivil(year, month, day);
  return days >= MIN_DAY && days <= MAX_DAY ? days : undefined;
}

export function formatDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function dateInRange(days: number): boolean {
  return Number.isInteger(days) && days >= MIN_DAY && days <= MAX_DAY;
}

/** Microseconds since the epoch; fractions finer than µs are truncated. Undefined if malformed or out of range. */
export function parseTimestamp(text: string): bigint | undefined {
  const match = TIMESTAMP.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!validCivil(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = (match[7] ?? "").slice(0, 6).padEnd(6, "0");
  const seconds = BigInt(daysFromCivil(year, month, day)) * 86_400n + BigInt(hour * 3600 + minute * 60 + second);
  const micros = seconds * 1_000_000n + BigInt(fraction);
  return timestampInRange(micros) ? micros : undefined;
}

export function timestampInRange(micros: bigint): boolean {
  return micros >= MIN_MICROS && micros <= MAX_MICROS;
}

/** Like `java.time.Instant.toString`: no fraction, or 3 or 6 digits as needed. */
export function formatTimestamp(micros: bigint): string {
  const microsOfDay = ((micros % 86_400_000_000n) + 86_400_000_000n) % 86_400_000_000n;
  const days = Number((micros - microsOfDay) / 86_400_000_000n);
  const seconds = Number(microsOfDay / 1_000_000n);
  const fraction = Number(microsOfDay % 1_000_000n);
  const time = `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}`;
  const fractionText = fraction === 0 ? "" : fraction % 1000 === 0 ? `.${pad(fraction / 1000, 3)}` : `.${pad(fraction, 6)}`;
  return `${formatDate(days)}T${time}${fractionText}Z`;
}
