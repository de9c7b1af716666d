import { useState } from 'react';
import type { Driver } from '@shared/contract';
import { useToast } from '../../app/toasts';
import { useApi } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { downloadBase64 } from './files';

/** Route sheets (all drivers, or one) and the load list of the day's dispatched plan, as PDFs. */
export function Printouts({ date, drivers }: { date: string; drivers: Driver[] }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  async function get(kind: 'sheet' | 'load', driverId?: string) {
    setBusy(true);
    try {
      const pdf =
        kind === 'sheet'
          ? await api.call('routes.routeSheetPdf', { date, driverId })
          : await api.call('routes.loadListPdf', { date });
      downloadBase64(pdf.base64, pdf.fileName);
    } catch (err) {
      toast({
        kind: 'error',
        title: t('routes.print.failed'),
        body: err instanceof Error ? err.message : '',
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="printouts" data-testid="printouts">
      <strong>{t('routes.print.title')}</strong>
      <div className="actions wrap">
        <button type="button" disabled={busy} onClick={() => void get('sheet')}>
          {t('routes.print.allSheets')}
        </button>
        {drivers.map((d) => (
          <button key={d.id} type="button" disabled={busy} onClick={() => void get('sheet', d.id)}>
            {t('routes.print.sheetFor', { driver: d.name })}
          </button>
        ))}
        <button type="button" disabled={busy} onClick={() => void get('load')}>
          {t('routes.print.loadList')}
        </button>
      </div>
    </div>
  );
}
