/**
 * Scenario units: ISO-8601 durations and byte sizes.
 *
 * Durations accept `PnYnMnWnDTnHnMnS` with whole or decimal numbers. A year is 365 days and a
 * month is 30 days (the billing month of `PRICES.daysPerMonth`), so `P1M` = `P30D`.
 */

/** Regular expression a duration must match (also used by the JSON Schema). */
export const DURATION_PATTERN =
  '^P(?!$)(\\d+(\\.\\d+)?Y)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?W)?(\\d+(\\.\\d+)?D)?(T(?=\\d)(\\d+(\\.\\d+)?H)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?S)?)?$';

const DURATION_RE = new RegExp(DURATION_PATTERN);

/**
 * Minutes in an ISO-8601 duration (`P365D`, `PT6H`, `P1M` = 30 days, `P1Y` = 365 days), or
 * `undefined` when `text` is not one.
 */
export function parseDurationMinutes(text: string): number | undefined {
  const m = DURATION_RE.exec(text);
  if (!m) return undefined;
  const n = (i: number): number => (m[i] === undefined ? 0 : Number.parseFloat(m[i]!));
  const days = n(1) * 365 + n(3) * 30 + n(5) * 7 + n(7);
  return days * 1440 + n(10) * 60 + n(12) + n(14) / 60;
}

/** Regular expression a size string must match (also used by the JSON Schema). */
export const SIZE_PATTERN = '^\\d+(\\.\\d+)?\\s*(B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$';

const SIZE_RE = /^(\d+(?:\.\d+)?)\s*(B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/;
const UNITS: Readonly<Record<string, number>> = {
  B: 1,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
};

/** Bytes in a size: a number of bytes, or a string such as `17 MB` or `4 MiB` (SI and IEC units). */
export function parseSize(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = SIZE_RE.exec(value.trim());
  return m ? Number.parseFloat(m[1]!) * UNITS[m[2]!]! : undefined;
}

