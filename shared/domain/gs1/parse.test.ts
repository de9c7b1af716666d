import { describe, expect, it } from 'vitest';
import { splitAim } from './aim';
import { gs1CheckDigit, hasValidCheckDigit } from './check-digit';
import { encodeGs1, GS, parseGs1, parseYymmdd } from './parse';
import { buildSscc } from './sscc';
import { toScanEvent } from './scan-event';

const opts = { referenceYear: 2026 };

function ok(input: string) {
  const r = parseGs1(input, opts);
  if (!r.ok) throw new Error(`expected ok, got: ${r.reason}`);
  return r.elements;
}

function bad(input: string): string {
  const r = parseGs1(input, opts);
  if (r.ok) throw new Error(`expected failure for ${JSON.stringify(input)}`);
  return r.reason;
}

describe('check digits', () => {
  it('accepts the protocols.md vectors', () => {
    for (const v of ['123456789012345675', '12345678901231', '02345673'])
      expect(hasValidCheckDigit(v)).toBe(true);
    expect(gs1CheckDigit('12345678901234567')).toBe(5);
    expect(hasValidCheckDigit('123456789012345676')).toBe(false);
    expect(gs1CheckDigit('12a')).toBeNull();
  });

  it('builds an SSCC from extension, prefix and serial', () => {
    expect(buildSscc({ extension: 1, companyPrefix: '2345678', serial: 901234567 })).toEqual({
      ok: true,
      sscc: '123456789012345675',
    });
    const over = buildSscc({ extension: 0, companyPrefix: '1234567890', serial: 1_000_000 });
    expect(over.ok).toBe(false);
    expect(buildSscc({ extension: 10, companyPrefix: '1234567', serial: 1 }).ok).toBe(false);
    expect(buildSscc({ extension: 0, companyPrefix: '12a4567', serial: 1 }).ok).toBe(false);
  });
});

describe('parseGs1', () => {
  it('parses the protocols.md GS1-128 example', () => {
    const els = ok(`011234567890123121123456${GS}10ABC123`);
    expect(els.map((e) => [e.ai, e.value])).toEqual([
      ['01', '12345678901231'],
      ['21', '123456'],
      ['10', 'ABC123'],
    ]);
  });

  it('chains predefined-length fields without separators', () => {
    const els = ok(`00123456789012345675${'01'}12345678901231${'3103'}001250${'15'}261100${'10'}LOT7`);
    expect(els.map((e) => e.ai)).toEqual(['00', '01', '3103', '15', '10']);
    expect(els[2]!.measure).toBe(1.25);
    expect(els[2]!.decimals).toBe(3);
    expect(els[3]!.date).toEqual({ year: 2026, month: 11, day: 30, endOfMonth: true, iso: '2026-11-30' });
  });

  it('strips a trailing GS instead of keeping it in the last value', () => {
    const els = ok(`10ABC${GS}21XYZ${GS}`);
    expect(els.map((e) => e.value)).toEqual(['ABC', 'XYZ']);
  });

  it('tolerates a separator after a fixed-length field and a leading FNC1', () => {
    expect(ok(`${GS}0112345678901231${GS}10A`).map((e) => e.ai)).toEqual(['01', '10']);
  });

  it('reads the human-readable bracketed form', () => {
    const els = ok('(01)12345678901231(3103)001250(10)AB-12');
    expect(els.map((e) => [e.ai, e.value])).toEqual([
      ['01', '12345678901231'],
      ['3103', '001250'],
      ['10', 'AB-12'],
    ]);
    expect(parseGs1('(99)ABC', opts)).toMatchObject({ ok: false, reason: expect.stringMatching(/unknown/) });
    expect(parseGs1('(01)123', opts)).toMatchObject({ ok: false });
  });

  it('parses n-decimal measures and GLNs', () => {
    const els = ok(`3302012345${'410'}${'1234567890128'}`);
    expect(els[0]!.measure).toBeCloseTo(123.45);
    expect(els[1]!.ai).toBe('410');
  });

  it('reports a bad check digit', () => {
    expect(bad('0112345678901232')).toMatch(/\(01\) GTIN 12345678901232 has a wrong check digit/);
    expect(bad('00123456789012345676')).toMatch(/check digit/);
  });

  it('reports an unknown AI with its position', () => {
    const r = parseGs1(`10ABC${GS}99XYZ`, opts);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(/unknown or unsupported application identifier starting "99XY"/);
      expect(r.position).toBe(6);
      expect(r.elements.map((e) => e.ai)).toEqual(['10']);
    }
  });

  it('reports an overlong field and hints at a missing separator', () => {
    expect(bad(`10${'A'.repeat(21)}`)).toMatch(/\(10\) BATCH\/LOT is 21 characters, at most 20/);
    // Missing GS between a count and the next field makes the count overlong / non-numeric.
    expect(bad('37123456789')).toMatch(/separator may be missing/);
    expect(bad('37123417123')).toMatch(/at most 8/);
  });

  it('reports fixed fields cut short or split by a separator', () => {
    expect(bad('01123456')).toMatch(/needs 14 characters but only 6 remain/);
    expect(bad(`01123456${GS}78901231`)).toMatch(/separator comes after 6/);
  });

  it('rejects bad dates, charset and digits', () => {
    expect(bad('17261301')).toMatch(/not a valid YYMMDD/);
    expect(bad('17260230')).toMatch(/not a valid YYMMDD/);
    expect(bad('10AB^C')).toMatch(/outside the GS1 character set/);
    expect(bad('3712a')).toMatch(/digits only/);
    expect(bad('')).toMatch(/empty/);
    expect(bad(`10A${GS}10B`)).toMatch(/twice/);
    expect(bad('3106123456')).toMatch(/unknown/);
  });

  it('round-trips through encodeGs1', () => {
    const elements = [
      { ai: '00', value: '123456789012345675' },
      { ai: '10', value: 'LOT1' },
      { ai: '37', value: '24' },
      { ai: '01', value: '12345678901231' },
    ];
    expect(ok(encodeGs1(elements)).map((e) => ({ ai: e.ai, value: e.value }))).toEqual(elements);
  });
});

describe('dates', () => {
  it('applies the sliding century window and DD=00', () => {
    expect(parseYymmdd('990101', 2026)?.year).toBe(1999);
    expect(parseYymmdd('750101', 2026)?.year).toBe(2075);
    expect(parseYymmdd('770101', 2026)?.year).toBe(1977);
    expect(parseYymmdd('280200', 2026)).toMatchObject({ year: 2028, day: 29, endOfMonth: true });
    expect(parseYymmdd('270200', 2026)?.day).toBe(28);
  });
});

describe('AIM identifiers and scan events', () => {
  it('splits known and unknown identifiers', () => {
    expect(splitAim(']C1011234')).toMatchObject({
      aim: ']C1',
      symbology: 'gs1-128',
      gs1: true,
      data: '011234',
    });
    expect(splitAim(']Q1hello')).toMatchObject({ symbology: 'qr', gs1: false });
    expect(splitAim(']X9abc')).toMatchObject({ aim: ']X9', symbology: 'unknown' });
    expect(splitAim('ABC')).toMatchObject({ aim: null, data: 'ABC' });
  });

  it('parses AIs for GS1 symbologies and reports why a GS1 scan is invalid', () => {
    const good = toScanEvent('s1', ']C100123456789012345675', 1, 2026);
    expect(good.ais?.[0]).toMatchObject({ ai: '00', value: '123456789012345675' });
    const wrong = toScanEvent('s1', ']C100123456789012345670', 1, 2026);
    expect(wrong.ais).toBeNull();
    expect(wrong.gs1Error).toMatch(/check digit/);
    const plain = toScanEvent('s1', 'ORDER-4711', 1, 2026);
    expect(plain).toMatchObject({ ais: null, gs1Error: null, raw: 'ORDER-4711' });
  });
});
