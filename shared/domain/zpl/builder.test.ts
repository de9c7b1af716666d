import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import { ZplBuilder } from './builder';
import { escapeFieldData } from './escape';
import { gs1_128Data } from './gs1-128';
import { fieldData, zplCommands } from './zpl-test-helpers';

describe('escapeFieldData', () => {
  it('hex-escapes ^ ~ _ and blanks control characters', () => {
    expect(escapeFieldData('a^XZ~JR_b')).toBe('a_5EXZ_7EJR_5Fb');
    expect(escapeFieldData('x\u0002y\r\n')).toBe('x y  ');
    expect(escapeFieldData('Åsa Ørsted')).toBe('Åsa Ørsted');
  });
});

describe('ZplBuilder', () => {
  it('converts millimetres to dots for each dpi', () => {
    for (const [dpi, dpmm] of [
      [203, 8],
      [300, 12],
      [600, 24],
    ] as const) {
      const z = new ZplBuilder({ dpi, widthMm: 100, heightMm: 50 }).text(10, 5, 'hi').build();
      expect(z).toContain(`^PW${100 * dpmm}^LL${50 * dpmm}`);
      expect(z).toContain(`^FO${10 * dpmm},${5 * dpmm}`);
    }
  });

  it('starts with UTF-8 and puts ^FH before every ^FD', () => {
    const z = new ZplBuilder({ dpi: 203, widthMm: 100, heightMm: 50 })
      .text(1, 1, 'a')
      .code128(1, 10, 'X1')
      .qr(50, 1, 'q')
      .build();
    expect(z.startsWith('^XA^CI28')).toBe(true);
    const cmds = zplCommands(z).map((c) => c.name);
    cmds.forEach((name, i) => {
      if (name === 'FD') expect(cmds[i - 1]).toBe('FH');
    });
  });

  it('writes multi-line text with \\& and doubles user backslashes', () => {
    const z = new ZplBuilder({ dpi: 203, widthMm: 100, heightMm: 50 })
      .text(1, 1, ['Main St 1', 'C:\\&x'])
      .build();
    expect(z).toContain('^FDMain St 1\\&C:\\\\&x^FS');
  });

  it('escapes > in Code 128 data', () => {
    const z = new ZplBuilder({ dpi: 203, widthMm: 100, heightMm: 50 }).code128(1, 1, 'A>B').build();
    expect(fieldData(z)).toEqual(['>:A><B']);
  });

  it('rejects barcode data a symbol cannot carry', () => {
    const b = new ZplBuilder({ dpi: 203, widthMm: 100, heightMm: 50 });
    expect(() => b.code128(1, 1, 'naïve')).toThrow(AppError);
    expect(() => new ZplBuilder({ dpi: 250 as 203, widthMm: 100, heightMm: 50 })).toThrow(/203, 300 or 600/);
  });

  it('shrinks the bar width until a long barcode fits', () => {
    const z = new ZplBuilder({ dpi: 203, widthMm: 50, heightMm: 25 })
      .code128(2, 2, 'A'.repeat(30), { moduleMm: 0.5 })
      .build();
    expect(z).toContain('^BY1,3');
  });
});

describe('GS1-128 data', () => {
  it('matches the protocols.md encoding pattern', () => {
    const { data } = gs1_128Data([
      { ai: '01', value: '12345678901231' },
      { ai: '21', value: '123456' },
      { ai: '10', value: 'ABC123' },
    ]);
    expect(data).toBe('>;>8011234567890123121123456>810>6ABC123');
  });

  it('switches back to subset C for long digit runs and handles odd runs', () => {
    expect(gs1_128Data([{ ai: '10', value: 'A12345678' }]).data).toBe('>;>810>6A>512345678');
    expect(gs1_128Data([{ ai: '10', value: 'A123456789' }]).data).toBe('>;>810>6A1>523456789');
    expect(gs1_128Data([{ ai: '00', value: '123456789012345675' }]).data).toBe('>;>800123456789012345675');
  });

  it('refuses invalid GS1 data with the parser’s reason', () => {
    expect(() => gs1_128Data([{ ai: '00', value: '123456789012345670' }])).toThrow(/check digit/);
    expect(() => gs1_128Data([{ ai: '10', value: 'A^XZ' }])).toThrow(/GS1 character set/);
    expect(() => gs1_128Data([{ ai: '10', value: `AB\u001d21X` }])).toThrow(AppError);
  });
});
