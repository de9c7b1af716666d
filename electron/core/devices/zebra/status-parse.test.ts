import { describe, expect, it } from 'vitest';
import { holdReason, parseExtendedStatus, parseHostIdentification, parseHostStatus } from './status-parse';

const STX = '\u0002';
const ETX = '\u0003';
const hs = (a: string, b: string, c = '0000,0') =>
  `${STX}${a}${ETX}\r\n${STX}${b}${ETX}\r\n${STX}${c}${ETX}\r\n`;

describe('~HS', () => {
  it('parses the protocols.md sample (paper out)', () => {
    const s = parseHostStatus(hs('030,0,1,0212,015,0,0,0,000,0,0,0', '001,0,0,0,1,2,4,0,00000000,1,000'));
    expect(s).toMatchObject({
      paperOut: false,
      paused: true,
      headOpen: false,
      formatsInBuffer: 15,
      labelsRemaining: 0,
      source: '~HS',
    });
    expect(holdReason(s!)).toMatch(/paused/);
  });

  it('reads paper out, head open, ribbon out, buffer full and labels remaining', () => {
    const s = parseHostStatus(hs('030,1,0,1218,000,1,0,0,000,0,0,0', '001,0,1,1,1,2,4,0,00000042,1,000'))!;
    expect(s).toMatchObject({
      paperOut: true,
      bufferFull: true,
      headOpen: true,
      ribbonOut: true,
      labelsRemaining: 42,
    });
    expect(s.errors).toEqual(['paper out', 'ribbon out', 'head open', 'receive buffer full']);
    expect(holdReason(s)).toMatch(/paper out/);
  });

  it('returns null for a truncated reply', () => {
    expect(parseHostStatus(`${STX}030,0,0${ETX}`)).toBeNull();
    expect(parseHostStatus('')).toBeNull();
  });
});

describe('~HQES', () => {
  it('parses media out + paused with varying whitespace', () => {
    const s = parseExtendedStatus(
      `${STX}\r\n  PRINTER STATUS\r\n   ERRORS:         1 00000000 00010001\r\n   WARNINGS:       1 00000000 00000008\r\n${ETX}`,
    )!;
    expect(s).toMatchObject({ paperOut: true, paused: true, headOpen: false, source: '~HQES' });
    expect(s.warnings).toEqual(['paper near end']);
  });

  it('names other faults', () => {
    const s = parseExtendedStatus('ERRORS: 1 00000000 00000048 WARNINGS: 0 00000000 00000000')!;
    expect(s.errors).toEqual(['cutter fault', 'bad head element']);
    expect(holdReason(s)).toMatch(/cutter fault/);
    expect(parseExtendedStatus('garbage')).toBeNull();
  });
});

describe('~HI', () => {
  it('parses model and firmware', () => {
    expect(parseHostIdentification(`${STX}ZD420-203dpi ZPL,V93.20.15Z,8,4194304${ETX}`)).toEqual({
      model: 'ZD420-203dpi ZPL',
      firmware: 'V93.20.15Z',
      dotsPerMm: 8,
      memoryBytes: 4194304,
    });
    expect(parseHostIdentification('nothing')).toBeNull();
  });
});
