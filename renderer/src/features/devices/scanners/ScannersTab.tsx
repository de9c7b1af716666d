import { useState } from 'react';
import type { Scanner, ScannerStatus, SimulatedDevices } from '@shared/contract';
import { isoDate } from '@shared/domain/time';
import { useI18n } from '../../../lib/i18n';
import { Pill } from '../device-ui';
import type { Tone } from '../printers/printer-condition';
import { SampleScanButtons } from './SampleScanButtons';
import { ScanLog } from './ScanLog';
import { ScannerDialog } from './ScannerDialog';
import { WedgeSettingsForm } from './WedgeSettingsForm';
import './scanners.css';

const STATE_TONE: Record<ScannerStatus['state'], Tone> = {
  connected: 'ok',
  connecting: 'busy',
  disconnected: 'danger',
  stopped: 'muted',
  unavailable: 'danger',
};

/** Serial scanners with their link state, the keyboard scanner's settings, and the live log. */
export function ScannersTab({
  scanners,
  simulated,
  timeZone,
}: {
  scanners: Scanner[];
  simulated: SimulatedDevices | null;
  timeZone: string;
}) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const names = new Map(scanners.map((s) => [s.id, s.name]));
  return (
    <div className="split">
      <div className="stack">
        {simulated && (
          <SampleScanButtons
            date={isoDate(Date.now(), timeZone)}
            disabledReason={simulated.scanner ? null : simulated.scannerProblem}
          />
        )}
        <section className="panel" aria-label={t('scanners.title')}>
          <h2 className="panel-title">{t('scanners.title')}</h2>
          {scanners.length === 0 ? (
            <p className="muted empty-inline">{t('scanners.empty')}</p>
          ) : (
            <ul className="plain-list" data-testid="scanner-list">
              {scanners.map((s) => (
                <li key={s.id} className="scanner-row">
                  <div>
                    <strong>{s.name}</strong>
                    <div className="muted small">
                      {s.path} · {s.baudRate} · {s.framing === 'cr' ? 'CR' : 'CR LF'}
                    </div>
                    {s.status.reason && s.status.state !== 'connected' && (
                      <div className="small danger-text">{s.status.reason}</div>
                    )}
                  </div>
                  <Pill tone={STATE_TONE[s.status.state]}>{t(`scanner.state.${s.status.state}`)}</Pill>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="add-device wide" onClick={() => setAdding(true)}>
            + {t('scanners.add')}
          </button>
        </section>
        <WedgeSettingsForm />
      </div>
      <ScanLog timeZone={timeZone} scannerNames={names} />
      {adding && <ScannerDialog onClose={() => setAdding(false)} />}
    </div>
  );
}
