import { useCommandQuery } from '../../lib/api/hooks';
import { formatNumber, money } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

/** Open claims by carrier, amounts claimed and recovered, recovery rate, days to payment. */
export function ReportsTab() {
  const { t, locale } = useI18n();
  const report = useCommandQuery('claims.report', {});
  return (
    <div className="claims-report">
      <p className="muted">{t('claims.report.intro')}</p>
      {report.data?.length === 0 ? (
        <p className="empty" data-testid="report-empty">
          {t('claims.report.empty')}
        </p>
      ) : (
        <table className="table" data-testid="claims-report">
          <thead>
            <tr>
              <th>{t('claims.col.carrier')}</th>
              <th className="num">{t('claims.report.open')}</th>
              <th className="num">{t('claims.report.claimed')}</th>
              <th className="num">{t('claims.report.recovered')}</th>
              <th className="num">{t('claims.report.rate')}</th>
              <th className="num">{t('claims.report.days')}</th>
            </tr>
          </thead>
          <tbody>
            {report.data?.map((r) => (
              <tr key={`${r.carrierName}-${r.currency}`}>
                <td>{r.carrierName}</td>
                <td className="num">{r.open}</td>
                <td className="num">{money(r.claimedMinor, r.currency, locale)}</td>
                <td className="num">{money(r.recoveredMinor, r.currency, locale)}</td>
                <td className="num">{r.recoveryRate === null ? '–' : `${formatNumber(r.recoveryRate * 100, locale)} %`}</td>
                <td className="num">{r.averageDaysToPayment === null ? '–' : formatNumber(r.averageDaysToPayment, locale, { maxDecimals: 1 })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
