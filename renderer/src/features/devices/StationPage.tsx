import { DockAlerts } from '../../app/dock-alerts';
import { GATE_PASS, useGateScanToasts } from '../../app/gate-scan';
import { useReducer, useRef, useState, type FormEvent } from 'react';
import type { CommandInput } from '@shared/contract';
import { isoDate } from '@shared/domain/time';
import { useApi, useCommandQuery, useEvent } from '../../lib/api/hooks';
import { clock } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { stationRefusalText } from './core-reasons';
import { errorText, Pill, useRun } from './device-ui';
import { useLiveDevices } from './live-updates';
import { JOB_TONE } from './printers/JobsPanel';
import { PrinterBadges } from './printers/PrinterBadges';
import { SampleScanButtons } from './scanners/SampleScanButtons';
import { visibleScan } from './scanners/ai-meaning';
import { stationLabelName } from './station/label-name';
import { ResultPanel } from './station/ResultPanel';
import { entryTone, initialStation, stationReducer } from './station/station-history';
import { useWedgeScan } from '../../app/wedge-scan';
import './devices.css';
import './station/station.css';

let localSeq = 0;

/**
 * Scan-to-print: scan an SSCC, an appointment or an order barcode and the matching label prints
 * on this station's printer. Keyboard-wedge scans arrive here wherever focus is (never into the
 * code box); serial scanner scans arrive as `devices.scan` events.
 */
export function StationPage() {
  const { t } = useI18n();
  const api = useApi();
  const run = useRun();
  const info = useCommandQuery('app.info', {});
  const overview = useCommandQuery('devices.overview', {});
  const config = useCommandQuery('station.config', {});
  useLiveDevices();
  const [state, dispatch] = useReducer(stationReducer, initialStation);
  const [manual, setManual] = useState('');
  const inFlight = useRef(new Set<string>());
  const timeZone = info.data?.timeZone ?? 'UTC';
  const printers = (overview.data?.printers ?? []).filter((p) => p.active);
  const printer = printers.find((p) => p.id === config.data?.printerId);
  const latest = state.entries[0];

  async function scan(code: string, input: CommandInput<'station.scan'>) {
    const key = `local-${++localSeq}`;
    dispatch({ type: 'scanned', key, code, at: Date.now() });
    try {
      dispatch({ type: 'answered', key, result: await api.call('station.scan', input) });
    } catch (err) {
      dispatch({ type: 'failed', key, error: errorText(err) });
    }
  }

  useGateScanToasts();
  // A gate pass is the dock's (check-in/out), not a label to print: it joins the scan stream,
  // where the dock picks it up like any scanner's.
  useWedgeScan((s) =>
    GATE_PASS.test(s.data.trim())
      ? void api.call('devices.submitScan', { raw: s.data, source: 'wedge' })
      : void scan(s.data, { raw: s.data }),
  );
  // Serial and simulated scanners: the scan is already in the stream; print it by its id. Wedge
  // and typed codes (`station` source) were sent here directly and already printed.
  useEvent('devices.scan', (record) => {
    if (record.source === 'wedge' || record.source === 'station' || inFlight.current.has(record.id)) return;
    if (GATE_PASS.test(record.raw.trim())) return;
    // The same scan may reach us twice (event replay after a reconnect): print it once.
    if (inFlight.current.size > 200) inFlight.current.clear();
    inFlight.current.add(record.id);
    void scan(record.raw, { scanId: record.id });
  });
  useEvent('devices.job', (job) => dispatch({ type: 'job', job }));

  function submitManual(e: FormEvent) {
    e.preventDefault();
    const code = manual.trim();
    if (!code) return;
    setManual('');
    void scan(code, { raw: code });
  }

  return (
    <section className="station">
      <div className="toolbar">
        <h1>{t('station.title')}</h1>
        <span className="spacer" />
        <label className="station-printer">
          <span>{t('station.printer')}</span>
          <select
            value={config.data?.printerId ?? ''}
            onChange={(e) =>
              void run(() => api.call('station.setPrinter', { printerId: e.target.value || null }), {
                error: t('station.printerRefused'),
              })
            }
          >
            <option value="">{t('station.noPrinter')}</option>
            {printers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {printer && <PrinterBadges printer={printer} />}
      </div>
      {overview.data?.simulated && <p className="sim-banner small">{t('sim.stationNote')}</p>}
      <DockAlerts timeZone={timeZone} />

      <ResultPanel entry={latest} printer={printer} timeZone={timeZone} />

      <div className="station-lower">
        <div className="stack">
          <section className="panel station-guide" aria-labelledby="station-guide-title">
            <h2 id="station-guide-title">{t('station.guide.title')}</h2>
            <ul>
              <li>{t('station.guide.pallet')}</li>
              <li>{t('station.guide.appointment')}</li>
              <li>{t('station.guide.order')}</li>
            </ul>
            <p className="muted small">{t('station.guide.refused')}</p>
          </section>
          <form className="panel station-manual" onSubmit={submitManual}>
            <label htmlFor="station-code">{t('station.typeCode')}</label>
            <div className="row-inline">
              <input
                id="station-code"
                value={manual}
                maxLength={200}
                autoComplete="off"
                placeholder={t('station.typePlaceholder')}
                onChange={(e) => setManual(e.target.value)}
              />
              <button type="submit" className="primary" disabled={!manual.trim()}>
                {t('station.print')}
              </button>
            </div>
            <p className="muted small">{t('station.scanAnywhere')}</p>
          </form>
          {overview.data?.simulated && (
            <SampleScanButtons
              date={isoDate(Date.now(), timeZone)}
              disabledReason={overview.data.simulated.scanner ? null : overview.data.simulated.scannerProblem}
            />
          )}
        </div>
        <section className="panel station-history" aria-label={t('station.history')}>
          <h2>{t('station.history')}</h2>
          {state.entries.length === 0 ? (
            <p className="muted empty-inline">{t('station.historyEmpty')}</p>
          ) : (
            <ol className="plain-list" data-testid="station-history">
              {state.entries.map((e) => (
                <li key={e.key} className={`history-row tone-${entryTone(e)}`}>
                  <span className="muted nowrap">{clock(e.at, timeZone)}</span>
                  <code className="ellipsis">{visibleScan(e.result?.scan.raw ?? e.code)}</code>
                  <span className="ellipsis">
                    {e.result?.printed
                      ? stationLabelName(e.result.printed, t)
                      : e.result?.scan.gs1Error
                        ? t('station.invalidBarcode')
                        : (e.error ?? (e.result ? stationRefusalText(e.result, t) : t('station.working')))}
                  </span>
                  {e.job ? (
                    <Pill tone={JOB_TONE[e.job.state]}>{t(`job.${e.job.state}`)}</Pill>
                  ) : (
                    e.status !== 'pending' && <Pill tone="danger">{t('station.nothingPrinted')}</Pill>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </section>
  );
}
