import { ApiError } from '../../lib/api/client';
import type { Translate } from '../../lib/i18n';
import type { MessageKey } from '../../lib/i18n/en';
import { shortDate } from '../../lib/format';
import { refusalText } from '../../lib/input-issues';

/** Core's refusal reasons that have their own words in every language. */
const REASONS = [
  'late_notice',
  'transition_not_allowed',
  'file_kind',
  'file_too_large',
  'not_draft',
  'nothing_claimed',
  'denial_reason_missing',
  'partial_amount',
  'paid_amount',
  'appeal_note',
  'already_receiving',
  'nothing_scanned',
  'receipt_finished',
  'unknown_regime',
  'unknown_country',
  'before_delivery',
  'appointment_cancelled',
  'already_attached',
  'shipped_after_delivery',
] as const;

/** A refused claims change in the operator's words (core's text when there is no better). */
export function claimsErrorText(err: unknown, t: Translate, locale: string): string {
  if (err instanceof ApiError) {
    const details = (err.details ?? {}) as { reason?: string; deadline?: { date?: string } };
    if (details.reason && (REASONS as readonly string[]).includes(details.reason))
      return t(`claims.reason.${details.reason}` as MessageKey, {
        date: details.deadline?.date ? shortDate(details.deadline.date, locale) : '',
      });
  }
  return refusalText(err, t) ?? (err instanceof Error ? err.message : String(err));
}

export function reasonOf(err: unknown): string | undefined {
  return err instanceof ApiError ? (err.details as { reason?: string } | undefined)?.reason : undefined;
}
