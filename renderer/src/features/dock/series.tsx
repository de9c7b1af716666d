import type { SeriesResult } from '@shared/contract';
import { isoDate } from '@shared/domain/time';
import { clock, shortDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../lib/i18n/en';

export const REPEATS = ['none', 'daily', 'weekly', 'biweekly', 'monthly', 'custom'] as const;
export type Repeat = (typeof REPEATS)[number];
/** Which occurrences of a series a change applies to. */
export type Scope = 'this' | 'following' | 'all';

/** The RFC 5545 rule for a choice in the booking dialog (weekly: on the first date's weekday). */
export function ruleFor(repeat: Exclude<Repeat, 'none'>, count: number, custom: string): string {
  switch (repeat) {
    case 'daily':
      return `FREQ=DAILY;COUNT=${count}`;
    case 'weekly':
      return `FREQ=WEEKLY;COUNT=${count}`;
    case 'biweekly':
      return `FREQ=WEEKLY;INTERVAL=2;COUNT=${count}`;
    case 'monthly':
      return `FREQ=MONTHLY;COUNT=${count}`;
    case 'custom':
      return custom.trim();
  }
}

const REASONS: Record<string, MessageKey> = {
  overlap: 'series.reason.overlap',
  outside_hours: 'series.reason.outside_hours',
  edited_individually: 'series.reason.edited_individually',
};

/** What a series change did, and each occurrence it could not book or change, with the reason. */
export function SeriesOutcome({
  result,
  timeZone,
  onClose,
}: {
  result: SeriesResult;
  timeZone: string;
  onClose(): void;
}) {
  const { t, locale } = useI18n();
  return (
    <div className="form series-outcome" data-testid="series-outcome">
      <p>
        {t('series.outcomeDone', {
          count: String(result.appointments.length),
          skipped: String(result.unbookable.length),
        })}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>{t('appt.date')}</th>
            <th>{t('appt.time')}</th>
            <th>{t('series.why')}</th>
          </tr>
        </thead>
        <tbody>
          {result.unbookable.map((u) => (
            <tr key={u.date} data-testid="unbookable-row">
              <td>{shortDate(isoDate(u.startAt, timeZone), locale)}</td>
              <td>{clock(u.startAt, timeZone)}</td>
              <td title={u.message}>{REASONS[u.reason] ? t(REASONS[u.reason]!) : u.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <span className="spacer" />
        <button type="button" className="primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}
