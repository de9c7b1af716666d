/**
 * Core's input refusals in the operator's language. Core sends schema issues with their code and
 * bound (`details.issues`), and its own field rules with a `reason` (`details.field` +
 * `details.reason`); both are worded here. Anything without one keeps core's English text.
 */
import type { InputIssue } from '@shared/contract';
import { ApiError } from '../api/client';
import type { Translate } from '../i18n';
import type { MessageKey } from '../i18n/en';

/** The schema issues core attached to a validation refusal (empty for any other error). */
export function issuesOf(err: unknown): InputIssue[] {
  if (!(err instanceof ApiError)) return [];
  const issues = (err.details as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as InputIssue[]) : [];
}

/** One schema issue, worded for the field it names. */
export function issueText(issue: InputIssue, t: Translate): string {
  const reason = reasonKey(issue.reason);
  if (reason) return t(reason);
  const min = issue.minimum;
  const max = issue.maximum;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return min === 1 ? t('issue.required') : t('issue.tooShort', { min: min ?? '' });
      if (issue.origin === 'array' || issue.origin === 'set') return t('issue.tooFew', { min: min ?? '' });
      return min === undefined ? t('issue.invalid') : t('issue.min', { min });
    case 'too_big':
      if (issue.origin === 'string') return t('issue.tooLong', { max: max ?? '' });
      if (issue.origin === 'array' || issue.origin === 'set') return t('issue.tooMany', { max: max ?? '' });
      return max === undefined ? t('issue.invalid') : t('issue.max', { max });
    case 'invalid_type':
      return /expected (number|int)/.test(issue.message) ? t('issue.notANumber') : t('issue.invalid');
    case 'not_multiple_of':
      return t('issue.wholeNumber');
    case 'invalid_format':
      return t('issue.format');
    case 'invalid_value':
      return t('issue.choice');
    default:
      return issue.message;
  }
}

/**
 * The text for a refusal core explained by a named rule: its own field rule (`details.reason`,
 * with the values it sent along, e.g. `breakMin`, `dimensions`) or a contract rule on the first
 * schema issue (`shift_order`). Specific enough to stand on its own, away from the field; null
 * when core gave no reason worded here.
 */
export function reasonText(err: unknown, t: Translate): string | null {
  if (!(err instanceof ApiError)) return null;
  const d = (err.details ?? {}) as Record<string, unknown>;
  const own = reasonKey(d.reason);
  if (!own) {
    const fromIssue = reasonKey(issuesOf(err)[0]?.reason);
    return fromIssue && t(fromIssue);
  }
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(d))
    if (typeof v === 'string' || typeof v === 'number') values[k] = v;
    else if (Array.isArray(v)) values[k] = v.join(', ');
  return t(own, values);
}

/** The rules core names by reason; a reason not listed keeps core's own text. */
const REASON_KEYS = {
  window_order: 'issue.reason.window_order',
  shift_order: 'issue.reason.shift_order',
  null_island: 'issue.reason.null_island',
  break_too_long: 'issue.reason.break_too_long',
  undeclared_dimension: 'issue.reason.undeclared_dimension',
  not_a_url: 'issue.reason.not_a_url',
  url_scheme: 'issue.reason.url_scheme',
  tile_placeholders: 'issue.reason.tile_placeholders',
  reference_taken: 'issue.reason.reference_taken',
  uid_taken: 'issue.reason.uid_taken',
  vehicle_has_tracker: 'issue.reason.vehicle_has_tracker',
  rule_needs: 'issue.reason.rule_needs',
  interval_needed: 'issue.reason.interval_needed',
  item_of_other_vehicle: 'issue.reason.item_of_other_vehicle',
  bad_rrule: 'issue.reason.bad_rrule',
  bad_start: 'issue.reason.bad_start',
  bad_time_zone: 'issue.reason.bad_time_zone',
  series_frequency: 'issue.reason.series_frequency',
  unbounded: 'issue.reason.unbounded',
  too_many: 'issue.reason.too_many',
  no_occurrences: 'issue.reason.no_occurrences',
  none_bookable: 'issue.reason.none_bookable',
  outside_series: 'issue.reason.outside_series',
} as const satisfies Record<string, MessageKey>;

function reasonKey(reason: unknown): MessageKey | null {
  return typeof reason === 'string' && Object.hasOwn(REASON_KEYS, reason)
    ? REASON_KEYS[reason as keyof typeof REASON_KEYS]
    : null;
}

/**
 * A refused change in the operator's words: core's own field rule, else its first schema issue,
 * else core's message as written (`null` for an error that is not core's).
 */
export function refusalText(err: unknown, t: Translate): string | null {
  if (!(err instanceof ApiError)) return null;
  const issue = issuesOf(err)[0];
  return reasonText(err, t) ?? (issue ? issueText(issue, t) : err.message);
}

/** The field a refusal is about, as a dotted path (`depot.lat`), when core named one. */
export function refusalField(err: unknown): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const field = (err.details as { field?: unknown } | undefined)?.field;
  if (typeof field === 'string') return field;
  const path = issuesOf(err)[0]?.path;
  return path && path.length > 0 ? path.join('.') : undefined;
}
