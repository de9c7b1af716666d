import { useCommandQuery } from '../../lib/api/hooks';
import { shortDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { DaysLeft, StatusBadge } from './parts';

/** Open claims' deadlines this week (and any already past): what must be done before it is too late. */
export function DeadlinesTab({ onOpen }: { onOpen(id: string): void }) {
  const { t, locale } = useI18n();
  const due = useCommandQuery('claims.deadlinesDue', { days: 7 });
  return (
    <div className="claims-deadlines">
      <p className="muted">{t('claims.deadlines.intro')}</p>
      {due.data?.length === 0 ? (
        <p className="empty" data-testid="deadlines-empty">
          {t('claims.deadlines.empty')}
        </p>
      ) : (
        <table className="table" data-testid="deadlines-table">
          <thead>
            <tr>
              <th>{t('claims.col.deadline')}</th>
              <th>{t('claims.col.date')}</th>
              <th>{t('claims.col.number')}</th>
              <th>{t('claims.col.carrier')}</th>
              <th>{t('claims.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {due.data?.map(({ claim, deadline }) => (
              <tr key={`${claim.id}-${deadline.key}`} className="clickable" onClick={() => onOpen(claim.id)}>
                <td>{t(`claims.deadline.${deadline.key}`)}</td>
                <td>
                  {shortDate(deadline.date!, locale)} <DaysLeft days={deadline.daysLeft} />
                </td>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(claim.id)}>
                    {claim.number}
                  </button>
                </td>
                <td>{claim.carrierName}</td>
                <td>
                  <StatusBadge status={claim.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
