import type { Printer } from '@shared/contract';
import { useApi } from '../../../lib/api/hooks';
import { clock } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { jobReasonText, printerReasonText, stationRefusalText } from '../core-reasons';
import { useRun } from '../device-ui';
import { visibleScan } from '../scanners/ai-meaning';
import { stationLabelName } from './label-name';
import { entryTone, type StationEntry } from './station-history';

/**
 * The last scan's outcome, big enough to read from a step away: what printed (and whether the
 * printer really finished it), or why nothing did and what to do about it.
 */
export function ResultPanel({
  entry,
  printer,
  timeZone,
}: {
  entry: StationEntry | undefined;
  printer: Printer | undefined;
  timeZone: string;
}) {
  const { t } = useI18n();
  const api = useApi();
  const run = useRun();
  const tone = entryTone(entry);
  let headline: string;
  let detail: string | null = null;
  let hint: string | null = null;
  let reason: string | null = null;
  const printed = entry?.result?.printed;

  if (!entry) {
    headline = t('station.ready');
    hint = printer ? t('station.readyHint', { printer: printer.name }) : t('station.choosePrinterFirst');
  } else if (entry.status === 'pending') {
    headline = t('station.working');
  } else if (entry.status === 'error') {
    headline = t('station.notPrinted');
    detail = entry.error;
    hint = t('station.hintRetry');
  } else if (!entry.result?.ok || !printed) {
    headline = t('station.notPrinted');
    const gs1Error = entry.result?.scan.gs1Error;
    // A bad barcode is said in the operator's language; the parser's precise reason goes below it.
    detail = gs1Error
      ? t('station.invalidBarcode')
      : entry.result
        ? stationRefusalText(entry.result, t)
        : null;
    reason = gs1Error ?? null;
    hint = gs1Error
      ? t('station.hintBadBarcode')
      : !printer
        ? t('station.choosePrinterFirst')
        : t('station.hintUnknown');
  } else {
    const job = entry.job;
    const title = stationLabelName(printed, t);
    headline =
      job?.state === 'printed'
        ? t('station.printed', { title })
        : job?.state === 'failed'
          ? t('station.failed', { title })
          : job?.state === 'uncertain'
            ? t('station.uncertain', { title })
            : job?.state === 'cancelled'
              ? t('station.cancelled', { title })
              : t('station.sending', { title });
    detail = t('station.onPrinter', { printer: printed.printerName });
    if (job?.state === 'failed' || job?.state === 'uncertain') hint = jobReasonText(job, t);
    else if (
      (job?.state === 'queued' || job?.state === 'sending') &&
      printer?.runtime.activity !== 'idle' &&
      printer?.runtime.activity !== 'printing'
    )
      hint = t('station.waiting', {
        reason: (printer && printerReasonText(printer.runtime, t)) ?? t('printer.state.held'),
      });
  }

  return (
    <section
      className={`station-result tone-${tone}`}
      aria-live="polite"
      data-testid="station-result"
      data-tone={tone}
    >
      <div className="station-headline">{headline}</div>
      {detail && <div className="station-detail">{detail}</div>}
      {reason && <div className="station-reason">{reason}</div>}
      {hint && <div className="station-hint">{hint}</div>}
      {entry && (
        <div className="station-code small">
          {clock(entry.at, timeZone)} ·{' '}
          <code>{visibleScan(entry.result?.scan.raw ?? entry.code).slice(0, 60)}</code>
        </div>
      )}
      {printed && (entry?.job?.state === 'uncertain' || entry?.job?.state === 'failed') && (
        <button
          type="button"
          className="primary big"
          onClick={() =>
            void run(() => api.call('devices.reprint', { jobId: printed.jobId }), {
              error: t('jobs.reprintRefused'),
              success: (j) => t('jobs.reprinted', { title: j.title }),
            })
          }
        >
          {t('station.reprint')}
        </button>
      )}
    </section>
  );
}
