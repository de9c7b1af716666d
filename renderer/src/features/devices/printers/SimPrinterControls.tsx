import type { SimulatedPrinterState } from '@shared/contract';
import { useApi } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import { useRun } from '../device-ui';

// `cutNextJob` is one-shot: the simulator resets the next job's connection, so it ends uncertain.
const SWITCHES = ['paperOut', 'headOpen', 'paused', 'ribbonOut', 'offline', 'slow', 'cutNextJob'] as const;

/** Simulated mode only: make the simulated printer misbehave the way real ones do. */
export function SimPrinterControls({ state }: { state: SimulatedPrinterState }) {
  const { t } = useI18n();
  const api = useApi();
  const run = useRun();
  return (
    <div className="sim-controls" role="group" aria-label={t('sim.printerControls')}>
      <span className="sim-tag">{t('sim.tag')}</span>
      {SWITCHES.map((key) => (
        <button
          key={key}
          type="button"
          className="switch"
          aria-pressed={state[key]}
          onClick={() =>
            void run(() => api.call('devices.simulatePrinter', { [key]: !state[key] }), {
              error: t('sim.refused'),
            })
          }
        >
          {t(`sim.printer.${key}`)}
        </button>
      ))}
    </div>
  );
}
