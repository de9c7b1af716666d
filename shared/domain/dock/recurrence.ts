/**
 * RFC 5545 recurrence in a site's time zone, on the maintained `rrule-temporal` library.
 *
 * A rule is expanded over *floating* local time (DTSTART without a zone), so "every Monday at
 * 08:00" stays 08:00 on the wall clock on both sides of a daylight-saving change; each local time
 * is then placed in the site's zone. A local time that does not exist (inside the spring-forward
 * gap) is read with the offset before the change, as RFC 5545 §3.3.5 says (02:30 becomes 03:30);
 * one that occurs twice (the autumn overlap) is the first of the two. (The library's own zoned
 * mode drops an occurrence that falls into the gap, which is why it is not used.)
 */
import { RRuleTemporal } from 'rrule-temporal';
import { RRULE_BODY } from '../../contract/dock';
import { AppError } from '../../contract/errors';
import { isValidTimeZone, parseIsoDate, wallTime, zonedToEpoch, type WallTime } from '../time';

/** `YYYY-MM-DDTHH:MM`, a local date and time. */
export const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

/** The most occurrences one expansion returns (a series, or the CLI without `--limit`). */
export const MAX_OCCURRENCES = 500;

export interface Occurrence {
  /** The local date and time the rule gives, `YYYY-MM-DDTHH:MM`. */
  local: string;
  /** The instant, UTC epoch milliseconds. */
  at: number;
}

function bad(message: string, reason: string): AppError {
  return new AppError('invalid_input', message, { reason });
}

/** Parses `YYYY-MM-DDTHH:MM`; throws `invalid_input` with reason `bad_start`. */
export function parseLocalDateTime(value: string): WallTime {
  const m = LOCAL_DATE_TIME.exec(value);
  const d = m ? parseIsoDate(m[1]!) : null;
  if (!m || !d) {
    throw bad(`"${value}" is not a local date and time; write it as YYYY-MM-DDTHH:MM, e.g. 2026-03-23T08:00.`, 'bad_start');
  }
  return { ...d, hour: Number(m[2]), minute: Number(m[3]) };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 with the zone's UTC offset at that instant, e.g. `2026-03-23T08:00:00+01:00`. */
export function isoWithOffset(ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  const offsetMin = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - (ms - (ms % 60_000))) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const seconds = pad(Math.floor((ms % 60_000) / 1000));
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${seconds}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The parts of a rule body, upper-cased, validated for shape. A `UNTIL` in UTC (`…Z`) is turned
 * into the site's local wall time, since the rule is expanded in floating local time.
 */
function normaliseRule(rrule: string, timeZone: string): { body: string; parts: Map<string, string> } {
  const text = rrule.trim().toUpperCase();
  if (!RRULE_BODY.test(text)) {
    throw bad(
      `"${rrule.slice(0, 80)}" is not a recurrence rule. Write it as RFC 5545 RRULE parts, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10.`,
      'bad_rrule',
    );
  }
  const parts = new Map<string, string>();
  for (const p of text.replace(/^RRULE:/, '').split(';')) {
    const [k, v] = p.split('=') as [string, string];
    if (parts.has(k)) throw bad(`The rule gives ${k} twice.`, 'bad_rrule');
    parts.set(k, v);
  }
  if (!parts.has('FREQ')) throw bad('The rule needs a FREQ, e.g. FREQ=WEEKLY.', 'bad_rrule');
  if (parts.has('COUNT') && parts.has('UNTIL')) throw bad('A rule has COUNT or UNTIL, not both.', 'bad_rrule');
  const until = parts.get('UNTIL');
  if (until !== undefined) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(until);
    if (!m) throw bad(`UNTIL=${until} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSSZ).`, 'bad_rrule');
    if (m[4] === undefined) {
      parts.set('UNTIL', `${m[1]}${m[2]}${m[3]}T235959`);
    } else if (m[7] === 'Z') {
      const w = wallTime(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!), timeZone);
      parts.set('UNTIL', `${w.year}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${m[6]}`);
    }
  }
  return { body: [...parts].map(([k, v]) => `${k}=${v}`).join(';'), parts };
}

export function isBounded(rrule: string): boolean {
  return /(^|;)(COUNT|UNTIL)=/i.test(rrule.replace(/^RRULE:/i, ''));
}

/**
 * The occurrences of `rrule` starting at the local `start` in `timeZone`, at most `limit`
 * (an unbounded rule gives its first `limit`). Bad input throws `invalid_input` with a reason:
 * `bad_rrule`, `bad_start` or `bad_time_zone`.
 */
export function expandRule(rrule: string, start: string, timeZone: string, limit = MAX_OCCURRENCES): Occurrence[] {
  if (!isValidTimeZone(timeZone) || !timeZone.includes('/') && timeZone !== 'UTC') {
    throw bad(`"${timeZone}" is not a time zone; use an IANA name like Europe/Stockholm.`, 'bad_time_zone');
  }
  const w = parseLocalDateTime(start);
  const { body } = normaliseRule(rrule, timeZone);
  const dtstart = `${w.year}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}00`;
  let rule: RRuleTemporal;
  let floating: { toString(): string }[];
  try {
    rule = new RRuleTemporal({ rruleString: `DTSTART:${dtstart}\nRRULE:${body}` });
    floating = rule.all((_, i) => i < limit);
  } catch (err) {
    throw bad(`The recurrence rule is not valid: ${err instanceof Error ? err.message : String(err)}.`, 'bad_rrule');
  }
  return floating.map((z) => {
    // Floating local time, carried by the library as UTC: "2026-03-29T02:30:00+00:00[UTC]".
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(z.toString())!;
    const local: WallTime = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]! };
    return { local: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`, at: zonedToEpoch(local, timeZone) };
  });
}

/** The parts a series rule may not have: a series is at most one appointment a day. */
const SUB_DAILY = ['BYHOUR', 'BYMINUTE', 'BYSECOND'];

/**
 * The local dates of a series' rule from `anchorDate`: a bounded rule (COUNT or UNTIL) of at most
 * `MAX_OCCURRENCES` days, at most one a day. Throws `invalid_input` saying what to change.
 */
export function seriesDates(rrule: string, anchorDate: string, timeZone: string): string[] {
  const { parts } = normaliseRule(rrule, timeZone);
  const freq = parts.get('FREQ')!;
  if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) {
    throw bad(`A series repeats daily, weekly, monthly or yearly, not ${freq}.`, 'series_frequency');
  }
  const sub = SUB_DAILY.find((p) => parts.has(p));
  if (sub) throw bad(`A series has one time of day; remove ${sub} from the rule.`, 'series_frequency');
  if (!parts.has('COUNT') && !parts.has('UNTIL')) {
    throw bad('Give the series an end: COUNT=… occurrences or UNTIL=… a last date.', 'unbounded');
  }
  const dates = expandRule(rrule, `${anchorDate}T12:00`, timeZone, MAX_OCCURRENCES + 1).map((o) => o.local.slice(0, 10));
  if (dates.length > MAX_OCCURRENCES) {
    throw bad(`The series would have more than ${MAX_OCCURRENCES} appointments; end it sooner.`, 'too_many');
  }
  return dates;
}
