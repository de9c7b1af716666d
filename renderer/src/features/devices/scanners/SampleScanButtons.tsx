import { useApi, useCommandQuery } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import { useRun } from '../device-ui';
import { sampleScans } from './sample-scans';

/**
 * Simulated mode only: types a sample barcode into the simulated serial scanner, which sends it
 * back over its pty exactly as hardware would (so the whole scan path is exercised).
 */
export function SampleScanButtons({ date, disabledReason }: { date: string; disabledReason: string | null }) {
  const { t } = useI18n();
  const api = useApi();
  const run = useRun();
  const appointments = useCommandQuery('dock.listAppointments', { date, includeCancelled: false });
  const ref = appointments.data?.find((a) => a.status === 'booked')?.reference ?? null;
  return (
    <div className="sim-controls" role="group" aria-label={t('sim.sampleScans')}>
      <span className="sim-tag">{t('sim.tag')}</span>
      <span className="small">{t('sim.sampleScans')}</span>
      {sampleScans(ref).map((s) => (
        <button
          key={s.key}
          type="button"
          disabled={disabledReason !== null}
          title={disabledReason ?? undefined}
          onClick={() =>
            void run(() => api.call('devices.simulateScan', { data: s.data }), {
              error: t('sim.scanRefused'),
            })
          }
        >
          {t(`sample.${s.key}`)}
        </button>
      ))}
      {disabledReason && <span className="small danger-text">{disabledReason}</span>}
    </div>
  );
}
