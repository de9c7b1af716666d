import { mayRun, type ClaimSummary } from '@shared/contract';
import { toCsv } from '@shared/export/csv';
import { useApi, useCommandQuery } from '../../lib/api/hooks';
import { downloadBytes, XLSX_TYPE } from '../../lib/download';
import { money, shortDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { claimsTables } from './claims-export';
import { DaysLeft, StatusBadge } from './parts';

export function ClaimsList({ role, onOpen, onNew }: { role: string; onOpen(id: string): void; onNew(): void }) {
  const { t, locale } = useI18n();
  const claims = useCommandQuery('claims.list', {});
  const rows: ClaimSummary[] = claims.data ?? [];
  const api = useApi();
  const exportAs = async (what: 'claims' | 'lines' | 'xlsx') => {
    const tables = claimsTables(await api.call('claims.exportAll', {}), t);
    const base = t('claims.export.fileName');
    if (what === 'xlsx') {
      // Loaded on first use: the workbook writer is only needed for this.
      const { toXlsx } = await import('@shared/export/xlsx');
      downloadBytes(await toXlsx([tables.claims, tables.lines]), `${base}.xlsx`, XLSX_TYPE);
    } else downloadBytes(toCsv(tables[what]), `${base}-${what}.csv`, 'text/csv;charset=utf-8');
  };
  return (
    <div className="claims-list">
      <p className="muted">{t('claims.list.intro')}</p>
      <div className="toolbar">
        <span className="spacer" />
        {(['claims', 'lines', 'xlsx'] as const).map((what) => (
          <button key={what} type="button" disabled={rows.length === 0} onClick={() => void exportAs(what)}>
            {t(what === 'claims' ? 'claims.export.claimsCsv' : what === 'lines' ? 'claims.export.linesCsv' : 'claims.export.xlsx')}
          </button>
        ))}
        {mayRun(role, 'claims.create') && (
          <button type="button" className="primary" onClick={onNew}>
            {t('claims.new')}
          </button>
        )}
      </div>
      {claims.data && rows.length === 0 ? (
        <div className="empty" data-testid="claims-empty">
          <p>{t('claims.list.empty')}</p>
        </div>
      ) : (
        <table className="table" data-testid="claims-table">
          <thead>
            <tr>
              <th>{t('claims.col.number')}</th>
              <th>{t('claims.col.carrier')}</th>
              <th>{t('claims.col.type')}</th>
              <th>{t('claims.col.status')}</th>
              <th>{t('claims.col.delivered')}</th>
              <th className="num">{t('claims.col.claimed')}</th>
              <th>{t('claims.col.nextDeadline')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} className="clickable" onClick={() => onOpen(c.id)}>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(c.id)}>
                    {c.number}
                  </button>
                  {c.shipmentRef && <div className="muted small">{c.shipmentRef}</div>}
                </td>
                <td>{c.carrierName}</td>
                <td>{t(`claims.type.${c.type}`)}</td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td>{shortDate(c.deliveredOn, locale)}</td>
                <td className="num">{money(c.claimedMinor, c.currency, locale)}</td>
                <td>
                  {c.nextDeadline ? (
                    <>
                      {t(`claims.deadline.${c.nextDeadline.key}`)} {shortDate(c.nextDeadline.date, locale)}{' '}
                      <DaysLeft days={c.nextDeadline.daysLeft} />
                    </>
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
