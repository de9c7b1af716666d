/**
 * Field-data escaping for ZPL. Every user-supplied `^FD` is preceded by `^FH` (escape char `_`)
 * and written through `escapeFieldData`, so a `^XZ`, `~JR` or `_` in a customer name can never
 * end the format or fire a command: the printer sees only `_5E`, `_7E`, `_5F` in the data.
 */
const HEX_ESCAPED = new Set(['^', '~', '_']);

export function escapeFieldData(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (HEX_ESCAPED.has(ch)) out += `_${code.toString(16).toUpperCase()}`;
    // Control characters have no business in a label and some printers act on them.
    else if (code < 0x20 || code === 0x7f) out += ' ';
    else out += ch;
  }
  return out;
}

/** Text inside a `^FB` block: `\` starts a block escape (`\&` = new line), so double it. */
export function escapeBlockText(text: string): string {
  return escapeFieldData(text.replace(/\\/g, '\\\\'));
}

/** Characters a Code 128 subset B symbol can carry (printable ASCII). */
export function isCode128Printable(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

/** In `^BC` data `>` starts an invocation code; a literal `>` is written `><`. */
export function escapeCode128Data(text: string): string {
  return escapeFieldData(text.replace(/>/g, '><'));
}
