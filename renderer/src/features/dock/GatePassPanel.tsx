import { STAGES, type Appointment, type Door, type Stage } from '@shared/contract';
import { gateCode, stageOf, timelineSummary } from '@shared/domain/dock/timeline';
import { isoDate } from '@shared/domain/time';
import { useToast } from '../../app/toasts';
import { useApi, useCommandMutation, useCommandQuery } from '../../lib/api/hooks';
import { downloadBytes } from '../../lib/download';
import { clock, shortDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { refusalText } from '../../lib/input-issues';

/** The label size of the gate pass: 4×3 in. */
const PASS = { labelWidthMm: 101.6, labelHeightMm: 76.2, dpi: 203 as const };

/**
 * An appointment's gate pass (its code, printed on the station's label printer or as a PDF of the
 * very same label) and its timeline: each step with who or which device and how long it lasted,
 * arrival against the slot, and the next steps to mark by hand.
 */
export function GatePassPanel({
  appointment: a,
  doors,
  timeZone,
  onChanged,
}: {
  appointment: Appointment;
  doors: Door[];
  timeZone: string;
  onChanged(a: Appointment): void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const toast = useToast();
  const info = useCommandQuery('app.info', {});
  const station = useCommandQuery('station.config', {});
  const printers = useCommandQuery('devices.listPrinters', { includeInactive: false });
  const advance = useCommandMutation('dock.advanceStage');
  const code = gateCode(a);
  const stage = stageOf(a);
  const { steps, arrivalMin } = timelineSummary(a, Date.now());
  const door = doors.find((d) => d.id === a.doorId)?.name ?? '';
  const fields = {
    site: (info.data?.siteName ?? '').slice(0, 60) || '-',
    appointmentRef: a.reference.slice(0, 40),
    carrier: a.carrierName.slice(0, 60),
    door: door.slice(0, 20) || '-',
    window: `${shortDate(isoDate(a.startAt, timeZone), locale)} ${clock(a.startAt, timeZone)}–${clock(a.endAt, timeZone)}`,
    qrPayload: code,
    barcode: code,
  };
  const printer = printers.data?.find((p) => p.id === station.data?.printerId);
  const fail = (err: unknown) => toast({ kind: 'error', title: t('error.title'), body: refusalText(err, t) ?? String(err) });

  async function print() {
    if (!printer) return toast({ kind: 'error', title: t('gate.noPrinter') });
    try {
      await api.call('devices.print', {
        printerId: printer.id,
        template: 'gate-pass',
        items: [{ fields, copies: 1 }],
        title: `Gate pass ${a.reference}`.slice(0, 120),
      });
      toast({ kind: 'success', title: t('gate.printed', { reference: a.reference, printer: printer.name }) });
    } catch (err) {
      fail(err);
    }
  }

  async function pdf() {
    try {
      const preview = await api.call('devices.preview', { template: 'gate-pass', fields, ...PASS });
      const { PDFDocument } = await import('pdf-lib');
      const doc = await PDFDocument.create();
      doc.setTitle(`Gate pass ${a.reference}`);
      const png = await doc.embedPng(preview.images[0]!);
      const pt = (mm: number) => (mm * 72) / 25.4;
      const page = doc.addPage([pt(preview.widthMm), pt(preview.heightMm)]);
      page.drawImage(png, { x: 0, y: 0, width: pt(preview.widthMm), height: pt(preview.heightMm) });
      downloadBytes(await doc.save(), `gate-pass-${a.reference.replace(/[^\w-]+/g, '_')}.pdf`, 'application/pdf');
    } catch (err) {
      fail(err);
    }
  }

  async function mark(next: Exclude<Stage, 'scheduled'>) {
    try {
      onChanged(await advance.mutateAsync({ id: a.id, stage: next }));
    } catch (err) {
      fail(err);
    }
  }

  const later = STAGES.slice(STAGES.indexOf(stage) + 1) as Exclude<Stage, 'scheduled'>[];
  return (
    <section className="gate-pass" data-testid="gate-pass">
      <div className="gate-pass-code">
        <span className="muted small">{t('gate.title')}</span>
        <code data-testid="gate-code">{code}</code>
        <span className="spacer" />
        <button type="button" onClick={() => void print()} disabled={!printer} title={printer ? undefined : t('gate.noPrinter')}>
          {t('gate.print')}
        </button>
        <button type="button" onClick={() => void pdf()}>
          {t('gate.pdf')}
        </button>
      </div>
      <h3>
        {t('timeline.title')}: <span data-testid="stage">{t(`stage.${stage}`)}</span>
        {arrivalMin !== null && (
          <span className="muted small">
            {' · '}
            {arrivalMin > 0
              ? t('timeline.late', { minutes: arrivalMin })
              : arrivalMin < 0
                ? t('timeline.early', { minutes: -arrivalMin })
                : t('timeline.onTime')}
          </span>
        )}
      </h3>
      {steps.length === 0 ? (
        <p className="muted small">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {steps.map((s) => (
            <li key={`${s.stage}-${s.at}`} data-stage={s.stage}>
              <strong>{t(`stage.${s.stage}`)}</strong> {clock(s.at, timeZone)} · {s.by} ({t(`stage.source.${s.source}`)})
              {s.dwellMs !== null && <span className="muted"> · {t('timeline.dwell', { minutes: Math.round(s.dwellMs / 60_000) })}</span>}
            </li>
          ))}
        </ol>
      )}
      {a.status === 'booked' && later.length > 0 && (
        <div className="actions stage-actions">
          {later.map((s) => (
            <button key={s} type="button" disabled={advance.isPending} onClick={() => void mark(s)}>
              {t('timeline.next', { stage: t(`stage.${s}`) })}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
