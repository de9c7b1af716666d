/**
 * Every deadline of a claim under its regime: notice, claim, the carrier's answer, limitation,
 * each with the day it falls on, days left, how it was counted and where that is written.
 */
import { addDays } from '../time';
import { addDaysExceptSundaysAndHolidays, addMonths, addYears, daysBetween } from './calendar';
import {
  DEADLINE_KEYS,
  regimeById,
  type Anchor,
  type ClaimKind,
  type DeadlineKey,
  type Period,
} from './regimes';

export interface DeadlineInput {
  regime: string;
  kind: ClaimKind;
  /** The day the goods were delivered (for a total loss: the agreed delivery day). */
  delivered: string;
  /** The day the carrier accepted the shipment (DHL Express and FedEx count from it). */
  shipped?: string | null;
  /** The day the claim was filed with the carrier. */
  filed?: string | null;
  /** The day the carrier disallowed (denied) the claim in writing. */
  disallowed?: string | null;
  /** The carrier's wilful misconduct is alleged (CMR: three years). */
  wilful?: boolean;
  /** Country of delivery, for public holidays. */
  country: string;
  /** Today, for days left. */
  today?: string;
}

export interface Deadline {
  key: DeadlineKey;
  /** Null when the day it runs from is not known yet (`needs`). */
  date: string | null;
  daysLeft: number | null;
  needs: Anchor | null;
  source: string;
  status: 'confirmed' | 'verify';
}

export interface Deadlines {
  regime: string;
  kind: ClaimKind;
  deadlines: Deadline[];
  /** Each deadline's source, then the regime's notes. */
  sources: string[];
}

/** Throws `RangeError` for an unknown regime; the caller maps it to its own error. */
export function computeDeadlines(input: DeadlineInput, isHoliday: (date: string) => boolean): Deadlines {
  const regime = regimeById(input.regime);
  if (!regime) throw new RangeError(`unknown regime: ${input.regime}`);
  const rules = regime.kinds[input.kind];
  const anchors: Record<Anchor, string | null> = {
    delivered: input.delivered,
    shipped: input.shipped ?? null,
    filed: input.filed ?? null,
    disallowed: input.disallowed ?? null,
  };
  const deadlines: Deadline[] = [];
  for (const key of DEADLINE_KEYS) {
    const period = rules[key];
    if (!period) continue;
    const from = anchors[period.from];
    const date = from === null ? null : endOf(period, from, input.wilful ?? false, isHoliday);
    deadlines.push({
      key,
      date,
      daysLeft: date !== null && input.today ? daysBetween(input.today, date) : null,
      needs: from === null ? period.from : null,
      source: period.source,
      status: period.status ?? 'confirmed',
    });
  }
  return {
    regime: regime.id,
    kind: input.kind,
    deadlines,
    sources: [...deadlines.map(describe), ...regime.notes],
  };
}

function describe(d: Deadline): string {
  const verify = d.status === 'verify' ? ' [verify]' : '';
  const needs = d.needs ? ` [runs from the ${d.needs} day, not known yet]` : '';
  return `${d.source}${verify}${needs}`;
}

function endOf(p: Period, from: string, wilful: boolean, isHoliday: (d: string) => boolean): string {
  const start = p.offsetDays ? addDays(from, p.offsetDays) : from;
  const amount = wilful && p.wilfulAmount !== undefined ? p.wilfulAmount : p.amount;
  if (p.unit === 'years') return addYears(start, amount);
  if (p.unit === 'months') return addMonths(start, amount);
  if (p.counting === 'except-sundays-and-holidays') return addDaysExceptSundaysAndHolidays(start, amount, isHoliday);
  return addDays(start, amount);
}

/** The CLI's line: `{"noticeBy","claimBy","limitationBy","sources"}`. */
export function cliSummary(d: Deadlines): {
  noticeBy: string | null;
  claimBy: string | null;
  limitationBy: string | null;
  sources: string[];
} {
  const at = (key: DeadlineKey) => d.deadlines.find((x) => x.key === key)?.date ?? null;
  return { noticeBy: at('notice'), claimBy: at('claim'), limitationBy: at('limitation'), sources: d.sources };
}

/** The deadlines already past on `today` (a notice past due warns before the claim is filed). */
export function pastDeadlines(d: Deadlines, today: string): Deadline[] {
  return d.deadlines.filter((x) => x.date !== null && x.date < today);
}
