import { useState } from 'react';
import type { Plan } from '@shared/contract';
import { Dialog } from '../../app/dialog';
import { useToast } from '../../app/toasts';
import { useApi, useCommandQuery } from '../../lib/api/hooks';
import { dateTime, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

/** Saved versions of the day's plan: save the draft as a new one, or bring an older one back. */
interface Props {
  date: string;
  plan: Plan;
  timeZone: string;
  /** While the day is being optimised an older version cannot be brought back. */
  frozen: boolean;
}

export function VersionsControl({ date, plan, timeZone, frozen }: Props) {
  const { t, locale } = useI18n();
  const api = useApi();
  const toast = useToast();
  const versions = useCommandQuery('routes.listVersions', { date });
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    run(async () => {
      const info = await api.call('routes.savePlan', { date, note });
      setNote('');
      toast({ kind: 'success', title: t('routes.versions.saved', { version: info.version }) });
    });

  const load = (version: number) =>
    run(async () => {
      await api.call('routes.loadVersion', { date, version });
      toast({ kind: 'success', title: t('routes.versions.loaded', { version }) });
      setOpen(false);
    });

  const list = versions.data ?? [];
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="versions-open">
        {t('routes.versions.open', { count: list.length })}
      </button>
      {open && (
        <Dialog title={t('routes.versions.title')} onClose={() => setOpen(false)} wide>
          <div className="form" data-testid="versions-dialog">
            <div className="row end">
              <label>
                {t('routes.versions.note')}
                <input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
              </label>
              <button
                type="button"
                className="primary"
                disabled={busy || plan.summary.served === 0}
                onClick={() => void save()}
              >
                {t('routes.versions.save')}
              </button>
            </div>
            {error && (
              <div className="refusal" role="alert">
                <strong>{t('routes.versions.failed')}</strong>
                <p>{error}</p>
              </div>
            )}
            {list.length === 0 ? (
              <p className="muted">{t('routes.versions.none')}</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('routes.versions.version')}</th>
                    <th>{t('routes.versions.savedAt')}</th>
                    <th>{t('routes.versions.by')}</th>
                    <th className="num">{t('routes.sum.served')}</th>
                    <th className="num">{t('routes.sum.km')}</th>
                    <th>{t('routes.versions.noteCol')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {list.map((v) => (
                    <tr key={v.version}>
                      <td>
                        {v.version}{' '}
                        {v.status === 'dispatched' && (
                          <span className="badge status-dispatched">{t('routes.status.dispatched')}</span>
                        )}
                        {plan.version === v.version && (
                          <span className="badge">{t('routes.versions.isDraft')}</span>
                        )}
                      </td>
                      <td>{dateTime(v.savedAt, timeZone, locale)}</td>
                      <td>{v.savedBy}</td>
                      <td className="num">{v.summary.served}</td>
                      <td className="num">{formatNumber(v.summary.km, locale, { decimals: 1 })}</td>
                      <td>{v.note}</td>
                      <td className="row-actions">
                        <button
                          type="button"
                          disabled={busy || frozen}
                          title={frozen ? t('routes.optimize.frozen') : undefined}
                          onClick={() => void load(v.version)}
                        >
                          {t('routes.versions.load')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </Dialog>
      )}
    </>
  );
}
