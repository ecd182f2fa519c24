/**
 * Numbers as people read them: money, bytes, shares and simulation times, the same in every
 * report and message.
 */

// `toLocaleString` with options builds a new number format per call (tens of microseconds),
// and even one cached `Intl.NumberFormat` costs milliseconds to build (locale data): a check of
// thousands of registries names a price in a finding each. So the common case is printed by
// hand with the same digits. V8's Intl rounds the shortest decimal that reads back as the double
// (what `String(n)` prints: 0.015 is "0.015", so $0.02), half away from zero; so does this.
// Anything unusual (below 1e-6 or above 1e15 in size, -0, NaN, Infinity) goes to Intl.
// test/format/numbers.test.ts compares the two over many values.
let usdFormat: Intl.NumberFormat | undefined;

/** Formats US dollars: `$1,234.56`. */
export function usd(n: number): string {
  const abs = Math.abs(n);
  if ((abs >= 1e-6 && abs < 1e15) || Object.is(n, 0)) {
    const [int = '0', frac = ''] = String(abs).split('.');
    // Whole cents, rounded half up on the decimal digits.
    let cents = BigInt(int + frac.padEnd(2, '0').slice(0, 2));
    if (frac.length > 2 && frac[2]! >= '5') cents += 1n;
    const digits = cents.toString().padStart(3, '0');
    let whole = digits.slice(0, -2);
    for (let at = whole.length - 3; at > 0; at -= 3) whole = `${whole.slice(0, at)},${whole.slice(at)}`;
    return `$${n < 0 ? '-' : ''}${whole}.${digits.slice(-2)}`;
  }
  usdFormat ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `$${usdFormat.format(n)}`;
}

/** Formats bytes with IEC units: `1.50 GiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${Math.round(v)} B` : `${v.toFixed(2)} ${units[i]}`;
}

/** A share as a percentage with three decimals (`99.950%`), or `never` for null. */
export function percent(v: number | null): string {
  return v === null ? 'never' : `${(v * 100).toFixed(3)}%`;
}

/** A simulation minute as `day D HH:MM`. */
export function minuteText(m: number): string {
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const mm = Math.round(m % 60);
  return `day ${d} ${String(h).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}
