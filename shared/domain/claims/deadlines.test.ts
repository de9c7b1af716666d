import { describe, expect, it } from 'vitest';
import { addDaysExceptSundaysAndHolidays, addMonths, daysBetween, weekday } from './calendar';
import { cliSummary, computeDeadlines, pastDeadlines, type DeadlineInput } from './deadlines';
import { publicHolidays } from './holidays';
import { CLAIM_KINDS, REGIMES } from './regimes';

const run = (input: Omit<DeadlineInput, 'country'> & { country?: string }) => {
  const country = input.country ?? 'SE';
  return computeDeadlines({ ...input, country }, publicHolidays(country));
};
const at = (input: Parameters<typeof run>[0]) => cliSummary(run(input));

describe('calendar', () => {
  it('clamps months to the end of the target month, leap years included', () => {
    expect(addMonths('2026-05-31', 9)).toBe('2027-02-28');
    expect(addMonths('2027-05-31', 9)).toBe('2028-02-29');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('knows weekdays and day differences across a year end', () => {
    expect(weekday('2026-04-05')).toBe(0); // Easter Sunday
    expect(weekday('2026-04-04')).toBe(6);
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2027-01-02', '2026-12-30')).toBe(-3);
  });

  it('skips Sundays and holidays but counts Saturdays', () => {
    const none = () => false;
    // Mon 7 Sep 2026: 8..12 (Sat counts), Sunday 13 skipped, 14, 15.
    expect(addDaysExceptSundaysAndHolidays('2026-09-07', 7, none)).toBe('2026-09-15');
    expect(addDaysExceptSundaysAndHolidays('2026-09-07', 7, (d) => d === '2026-09-08')).toBe('2026-09-16');
  });
});

describe('public holidays (date-holidays)', () => {
  it('has Easter and Christmas for every Nordic and the named EU countries', () => {
    for (const c of ['SE', 'NO', 'DK', 'FI', 'DE', 'FR', 'PL']) {
      const h = publicHolidays(c);
      expect(h('2026-12-25'), `${c} Christmas`).toBe(true);
      expect(h('2026-04-06'), `${c} Easter Monday`).toBe(true);
      expect(h('2026-04-07'), `${c} an ordinary Tuesday`).toBe(false);
    }
  });

  it('only public days: Swedish midsummer eve and Christmas eve are working days, Polish Christmas eve is not', () => {
    expect(publicHolidays('SE')('2026-06-19')).toBe(false);
    expect(publicHolidays('SE')('2026-12-24')).toBe(false);
    expect(publicHolidays('PL')('2026-12-24')).toBe(true);
    expect(publicHolidays('NO')('2026-04-02')).toBe(true); // Maundy Thursday
    expect(publicHolidays('SE')('2026-04-02')).toBe(false);
  });

  it('refuses a country it does not know', () => {
    expect(() => publicHolidays('XX')).toThrow(RangeError);
    expect(() => publicHolidays('se')).toThrow(RangeError);
  });
});

describe('CMR (art. 30 and 32)', () => {
  it('concealed damage: 7 days, Sundays and public holidays excepted — Easter in Sweden', () => {
    // Wed 1 Apr 2026: Thu 2 (1), Good Friday skipped, Sat 4 (2), Easter Sunday and Monday skipped,
    // Tue 7 … Fri 10 (3–6), Sat 11 (7).
    expect(at({ regime: 'cmr', kind: 'concealed-damage', delivered: '2026-04-01' }).noticeBy).toBe('2026-04-11');
  });

  it('Easter in Norway, where Maundy Thursday is a holiday too, ends two days later', () => {
    expect(at({ regime: 'cmr', kind: 'concealed-damage', delivered: '2026-04-01', country: 'NO' }).noticeBy).toBe(
      '2026-04-13',
    );
  });

  it('Christmas in Germany, Sweden and Poland (Polish Christmas Eve and New Year cross the year end)', () => {
    // Mon 21 Dec: 22, 23, 24 (working in DE), 25 and 26 holidays, Sunday 27, then 28–31.
    expect(at({ regime: 'cmr', kind: 'concealed-damage', delivered: '2026-12-21', country: 'DE' }).noticeBy).toBe(
      '2026-12-31',
    );
    // PL: 24, 25, 26 holidays, 27 Sunday, 28–31 (3–6), 1 Jan holiday, Sat 2 Jan (7).
    expect(at({ regime: 'cmr', kind: 'concealed-damage', delivered: '2026-12-21', country: 'PL' }).noticeBy).toBe(
      '2027-01-02',
    );
    // SE, delivered Sat 19 Dec: Sunday 20, 21–24 (1–4), 25 and 26 holidays, Sunday 27, 28–30 (5–7).
    expect(at({ regime: 'cmr', kind: 'concealed-damage', delivered: '2026-12-19', country: 'SE' }).noticeBy).toBe(
      '2026-12-30',
    );
  });

  it('French Victory Day and Ascension in one week', () => {
    // Thu 7 May: 8 May holiday, Sat 9 (1), Sunday, 11–13 (2–4), Ascension 14, 15 (5), Sat 16 (6), Sunday, 18 (7).
    expect(at({ regime: 'cmr', kind: 'concealed-damage', delivered: '2026-05-07', country: 'FR' }).noticeBy).toBe(
      '2026-05-18',
    );
  });

  it('apparent damage and shortage: reservations at delivery; delay 21 calendar days', () => {
    expect(at({ regime: 'cmr', kind: 'apparent-damage', delivered: '2026-04-01' }).noticeBy).toBe('2026-04-01');
    expect(at({ regime: 'cmr', kind: 'shortage', delivered: '2026-04-01' }).noticeBy).toBe('2026-04-01');
    // 21 days over Easter: holidays do not stop the delay period.
    expect(at({ regime: 'cmr', kind: 'delay', delivered: '2026-04-01' }).noticeBy).toBe('2026-04-22');
  });

  it('limitation: one year from delivery, three for wilful misconduct, total loss from the 30th day after', () => {
    expect(at({ regime: 'cmr', kind: 'apparent-damage', delivered: '2026-04-01' }).limitationBy).toBe('2027-04-01');
    expect(at({ regime: 'cmr', kind: 'apparent-damage', delivered: '2026-04-01', wilful: true }).limitationBy).toBe(
      '2029-04-01',
    );
    const loss = at({ regime: 'cmr', kind: 'loss', delivered: '2026-03-02' });
    expect(loss.noticeBy).toBeNull();
    expect(loss.limitationBy).toBe('2027-04-01');
    expect(at({ regime: 'cmr', kind: 'apparent-damage', delivered: '2028-02-29' }).limitationBy).toBe('2029-02-28');
    expect(at({ regime: 'cmr', kind: 'delay', delivered: '2026-04-01' }).claimBy).toBeNull();
  });
});

describe('Carmack (49 U.S.C. 14706, 49 CFR 370)', () => {
  it('claim within 9 months of delivery, clamped to the month end', () => {
    const r = at({ regime: 'carmack', kind: 'concealed-damage', delivered: '2026-05-31', country: 'US' });
    expect(r).toMatchObject({ noticeBy: null, claimBy: '2027-02-28', limitationBy: null });
  });

  it('carrier acknowledges in 30 and decides in 120 days of the filing; suit 2 years after disallowance', () => {
    const r = run({
      regime: 'carmack',
      kind: 'loss',
      delivered: '2026-05-31',
      filed: '2026-06-10',
      disallowed: '2026-11-02',
      country: 'US',
    });
    const by = Object.fromEntries(r.deadlines.map((d) => [d.key, d.date]));
    expect(by).toEqual({
      claim: '2027-02-28',
      carrierAcknowledge: '2026-07-10',
      carrierDecision: '2026-10-08',
      limitation: '2028-11-02',
    });
  });

  it('says which day is missing instead of guessing', () => {
    const r = run({ regime: 'carmack', kind: 'loss', delivered: '2026-05-31', country: 'US' });
    const ack = r.deadlines.find((d) => d.key === 'carrierAcknowledge')!;
    expect(ack).toMatchObject({ date: null, needs: 'filed', daysLeft: null });
    expect(r.sources.some((s) => s.includes('not known yet'))).toBe(true);
  });
});

describe('Montreal Convention (art. 31, 35, 52)', () => {
  it('damage 14 and delay 21 calendar days, even over Christmas and onto a Sunday; 2 years to sue', () => {
    const damage = at({ regime: 'montreal', kind: 'concealed-damage', delivered: '2026-12-20', country: 'DE' });
    expect(damage).toMatchObject({ noticeBy: '2027-01-03', claimBy: null, limitationBy: '2028-12-20' });
    expect(weekday('2027-01-03')).toBe(0);
    expect(at({ regime: 'montreal', kind: 'delay', delivered: '2026-12-20', country: 'DE' }).noticeBy).toBe(
      '2027-01-10',
    );
    expect(at({ regime: 'montreal', kind: 'loss', delivered: '2026-12-20', country: 'DE' }).noticeBy).toBeNull();
  });
});

describe('parcel carriers', () => {
  it('DHL Express counts 30 days from acceptance and says so when the shipping day is missing', () => {
    expect(at({ regime: 'dhl', kind: 'loss', delivered: '2026-03-12', shipped: '2026-03-10' }).claimBy).toBe(
      '2026-04-09',
    );
    const r = run({ regime: 'dhl', kind: 'apparent-damage', delivered: '2026-03-12' });
    expect(r.deadlines[0]).toMatchObject({ key: 'claim', date: null, needs: 'shipped' });
  });

  it('UPS 60 days from delivery, FedEx 21 days notice and 9 months from acceptance, marked verify', () => {
    const ups = at({ regime: 'ups', kind: 'apparent-damage', delivered: '2026-01-15' });
    expect(ups.claimBy).toBe('2026-03-16');
    expect(ups.sources[0]).toContain('[verify]');
    const fedex = at({ regime: 'fedex', kind: 'concealed-damage', delivered: '2026-02-10', shipped: '2026-01-31' });
    expect(fedex).toMatchObject({ noticeBy: '2026-03-03', claimBy: '2026-10-31' });
  });

  it('PostNord under NSAB 2015: 7 days for concealed damage, one year, marked verify', () => {
    const r = at({ regime: 'postnord', kind: 'concealed-damage', delivered: '2026-04-01' });
    expect(r).toMatchObject({ noticeBy: '2026-04-08', limitationBy: '2027-04-01' });
    expect(r.sources.filter((s) => s.includes('[verify]'))).toHaveLength(2);
  });
});

describe('every regime', () => {
  it('has every kind, and each rule cites its source', () => {
    for (const regime of REGIMES)
      for (const kind of CLAIM_KINDS) {
        const r = run({ regime: regime.id, kind, delivered: '2026-06-01', shipped: '2026-05-28', filed: '2026-06-05' });
        for (const d of r.deadlines) expect(d.source.length, `${regime.id} ${kind} ${d.key}`).toBeGreaterThan(20);
      }
  });

  it('gives days left and which deadlines are past', () => {
    const r = run({ regime: 'cmr', kind: 'concealed-damage', delivered: '2026-04-01', today: '2026-04-08' });
    expect(r.deadlines.find((d) => d.key === 'notice')!.daysLeft).toBe(3);
    expect(pastDeadlines(r, '2026-04-12').map((d) => d.key)).toEqual(['notice']);
    expect(pastDeadlines(r, '2026-04-11')).toEqual([]);
  });

  it('refuses an unknown regime', () => {
    expect(() => run({ regime: 'nope', kind: 'loss', delivered: '2026-06-01' })).toThrow(RangeError);
  });
});
