/**
 * Test-side ZPL reader: splits a format into commands and decodes `^FH` field data, so tests
 * assert on the bytes a printer would act on rather than on builder internals.
 */
export interface ZplCommand {
  name: string;
  args: string;
}

export function zplCommands(zpl: string): ZplCommand[] {
  return zpl
    .split('^')
    .slice(1)
    .map((chunk) => ({ name: chunk.slice(0, 2), args: chunk.slice(2) }));
}

/**
 * Decodes `_XX` hex escapes the way a printer does after `^FH`. Our escapes are all ASCII, so
 * mapping each to one character is exact (shared code has no TextDecoder).
 */
export function decodeFh(data: string): string {
  return data.replace(/_([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The decoded data of every `^FD` field, in order. */
export function fieldData(zpl: string): string[] {
  return zplCommands(zpl)
    .filter((c) => c.name === 'FD')
    .map((c) => decodeFh(c.args));
}

/**
 * What a person would read or a scanner would decode from each field: block-text escapes
 * (`\&` line break, `\\`) undone for `^FB` fields, `>:`/`><` for Code 128, `QA,` for QR.
 */
export function fieldTexts(zpl: string): string[] {
  const out: string[] = [];
  let kind: 'text' | 'code128' | 'qr' | 'other' = 'other';
  for (const c of zplCommands(zpl)) {
    if (c.name === 'FB') kind = 'text';
    else if (c.name === 'BC') kind = 'code128';
    else if (c.name === 'BQ') kind = 'qr';
    else if (c.name === 'FO') kind = 'other';
    else if (c.name === 'FD') {
      const d = decodeFh(c.args);
      if (kind === 'text')
        out.push(
          d
            .replace(/\\\\/g, '\u0000')
            .replace(/\\&/g, '\n')
            .replace(/\u0000/g, '\\'),
        );
      else if (kind === 'code128') out.push(d.replace(/^>:/, '').replace(/></g, '>'));
      else if (kind === 'qr') out.push(d.replace(/^QA,/, ''));
      else out.push(d);
    }
  }
  return out;
}
