/**
 * Numbers as people read them: money, bytes, shares and simulation times, the same in every
 * report and message.
 */

/** Formats US dollars: `$1,234.56`. */
export function usd(n: number): string {
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
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
