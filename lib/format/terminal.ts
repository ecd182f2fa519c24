/**
 * Values from inputs written to a terminal: control characters (an ANSI escape sequence could
 * recolour, move the cursor, retitle the window or hide text) are shown escaped, never raw.
 */

/** C0 controls but tab and newline, DEL, C1 controls, and the Unicode line separators. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `s` with every control character but tab and newline shown as `\xHH` (or `\uHHHH`). */
export function terminalText(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}
