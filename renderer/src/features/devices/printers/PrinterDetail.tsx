import { useState } from 'react';
import type { ConnectionTestResult, Printer, SimulatedDevices } from '@shared/contract';
import { useApi } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import { printerReasonText, printerReportText } from '../core-reasons';
import { useRun } from '../device-ui';
import { JobsPanel } from './JobsPanel';
import { PrintDialog } from './PrintDialog';
import { PrinterBadges } from './PrinterBadges';
import { PrinterDialog } from './PrinterDialog';
import { SimPrinterControls } from './SimPrinterControls';

/** One printer: live status, connection test, test print, printing a template, queue and history. */
export function PrinterDetail({
  printer,
  simulated,
  timeZone,
}: {
  printer: Printer;
  simulated: SimulatedDevices | null;
  timeZone: string;
}) {
  const { t } = useI18n();
  const api = useApi();
  const run = useRun();
  const [test, setTest] = useState<ConnectionTestResult | null>(null);
  const [testing, setTesting] = useState(false);
  const [dialog, setDialog] = useState<'print' | 'edit' | null>(null);
  const status = printer.runtime.status;
  const reason = printerReasonText(printer.runtime, t);

  async function testConnection() {
    setTesting(true);
    setTest(
      await run(() => api.call('devices.testPrinter', { id: printer.id }), {
        error: t('printer.testFailed'),
      }),
    );
    setTesting(false);
  }

  return (
    <section className="panel printer-detail" aria-label={printer.name} data-testid="printer-detail">
      <header className="panel-head">
        <div>
          <h2>{printer.name}</h2>
          <div className="muted small">{printer.transportLabel}</div>
        </div>
        <span className="spacer" />
        <PrinterBadges printer={printer} />
      </header>
      {reason && (
        <p className="reason" role="status">
          {reason}
        </p>
      )}
      <dl className="facts-inline">
        <div>
          <dt>{t('printer.labelsRemaining')}</dt>
          <dd data-testid="labels-remaining">{status?.labelsRemaining ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('printer.inQueue')}</dt>
          <dd>{printer.pending}</dd>
        </div>
        <div>
          <dt>{t('printer.label')}</dt>
          <dd>
            {t('printer.labelSize', {
              width: printer.labelWidthMm,
              height: printer.labelHeightMm,
              dpi: printer.dpi,
            })}
          </dd>
        </div>
        {status && status.errors.length + status.warnings.length > 0 && (
          <div>
            <dt>{t('printer.reports')}</dt>
            <dd>{printerReportText(status, t)}</dd>
          </div>
        )}
      </dl>
      <div className="actions wrap">
        <button type="button" onClick={() => void testConnection()} disabled={testing}>
          {testing ? t('printer.testing') : t('printer.testConnection')}
        </button>
        <button
          type="button"
          onClick={() =>
            // No success toast: the job appears in the queue right below.
            void run(() => api.call('devices.testPrint', { id: printer.id }), {
              error: t('printer.testPrintRefused'),
            })
          }
        >
          {t('printer.testPrint')}
        </button>
        <button type="button" className="primary" onClick={() => setDialog('print')}>
          {t('printer.printLabels')}
        </button>
        <span className="spacer" />
        <button type="button" onClick={() => setDialog('edit')}>
          {t('common.edit')}
        </button>
      </div>
      {test && (
        <div className={`test-result ${test.ok ? 'ok' : 'bad'}`} role="status" data-testid="connection-test">
          <strong>{test.ok ? t('printer.testOk') : t('printer.testBad')}</strong> {test.message}
          {test.model && (
            <div className="small muted">
              {t('printer.model', { model: test.model, firmware: test.firmware ?? '–' })}
            </div>
          )}
        </div>
      )}
      {printer.simulated && simulated?.printer && <SimPrinterControls state={simulated.printer.state} />}
      <JobsPanel printer={printer} timeZone={timeZone} />
      {dialog === 'print' && <PrintDialog printer={printer} onClose={() => setDialog(null)} />}
      {dialog === 'edit' && <PrinterDialog printer={printer} onClose={() => setDialog(null)} />}
    </section>
  );
}
