import { useEffect, useRef, useState } from 'react';
import {
  MAX_RECEIPT_PALLETS,
  mayRun,
  PALLET_CONDITIONS,
  type Appointment,
  type PalletCondition,
  type ReceiptView,
} from '@shared/contract';
import { asnFromCsv } from '@shared/domain/claims/asn';
import { isoDate } from '@shared/domain/time';
import { decodeText, parseCsv } from '@shared/import/csv';
import { DateField } from '../../app/date-field';
import { useApi, useCommandMutation, useCommandQuery, useEvent } from '../../lib/api/hooks';
import { clock, shortDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useWedgeScan } from '../../app/wedge-scan';
import type { ClaimDraft } from './ClaimDialog';
import { claimsErrorText } from './errors';
import { captureFrame, EvidenceTooLarge, fileBytes, uploadEvidence } from './evidence';
import { codesOf, codesOfText, type ScannedCodes } from './scanned';

/** Receiving an appointment at its door: each pallet scanned and marked, with photos. */
export function ReceivingTab({
  timeZone,
  role,
  onDraftClaim,
  onOpenClaim,
}: {
  timeZone: string;
  role: string;
  onDraftClaim(draft: ClaimDraft): void;
  onOpenClaim(id: string): void;
}) {
  const { t, locale } = useI18n();
  const [date, setDate] = useState(() => isoDate(Date.now(), timeZone));
  const appointments = useCommandQuery('dock.listAppointments', { date, includeCancelled: false });
  const [picked, setPicked] = useState<string | null>(null);
  const appointment = appointments.data?.find((a) => a.id === picked) ?? null;
  return (
    <div className="receiving" data-testid="receiving">
      <div className="toolbar">
        <DateField label={t('claims.receiving.day')} value={date} onChange={setDate} />
        <p className="muted">{t('claims.receiving.intro')}</p>
      </div>
      <div className="receiving-layout">
        <ul className="appointment-pick" aria-label={t('claims.receiving.appointments')}>
          {appointments.data?.length === 0 && <li className="muted">{t('claims.receiving.noAppointments')}</li>}
          {appointments.data?.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className={a.id === picked ? 'active' : undefined}
                aria-pressed={a.id === picked}
                onClick={() => setPicked(a.id)}
              >
                <strong>{a.reference}</strong> <span>{a.carrierName}</span>
                <span className="muted small">
                  {clock(a.startAt, timeZone)} · {t('claims.receiving.pallets', { count: a.pallets })}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div className="receiving-main">
          {appointment ? (
            <Receiving
              key={appointment.id}
              appointment={appointment}
              timeZone={timeZone}
              role={role}
              onDraftClaim={onDraftClaim}
              onOpenClaim={onOpenClaim}
            />
          ) : (
            <p className="empty">{t('claims.receiving.pick', { date: shortDate(date, locale) })}</p>
          )}
        </div>
      </div>
    </div>
  );
}

function Receiving({
  appointment,
  timeZone,
  role,
  onDraftClaim,
  onOpenClaim,
}: {
  appointment: Appointment;
  timeZone: string;
  role: string;
  onDraftClaim(draft: ClaimDraft): void;
  onOpenClaim(id: string): void;
}) {
  const { t, locale } = useI18n();
  const receipt = useCommandQuery('claims.receiptFor', { appointmentId: appointment.id });
  const start = useCommandMutation('claims.startReceiving');
  const [error, setError] = useState<string | null>(null);
  if (receipt.isLoading) return <p className="muted">{t('common.loading')}</p>;
  const r = receipt.data;
  if (!r)
    return (
      <div className="receipt-start">
        <h2>
          {appointment.reference} · {appointment.carrierName}
        </h2>
        <p>{t('claims.receiving.notStarted', { count: appointment.pallets })}</p>
        {mayRun(role, 'claims.startReceiving') && (
          <button
            type="button"
            className="primary"
            disabled={start.isPending}
            onClick={() =>
              start.mutate(
                { appointmentId: appointment.id },
                { onError: (err) => setError(claimsErrorText(err, t, locale)), onSuccess: () => void receipt.refetch() },
              )
            }
          >
            {t('claims.receiving.start')}
          </button>
        )}
        {error && <div className="refusal">{error}</div>}
      </div>
    );
  return (
    <ReceiptPanel
      receipt={r}
      appointment={appointment}
      timeZone={timeZone}
      canWrite={mayRun(role, 'claims.recordPallet')}
      onDraftClaim={onDraftClaim}
      onOpenClaim={onOpenClaim}
    />
  );
}

function ReceiptPanel({
  receipt,
  appointment,
  timeZone,
  canWrite,
  onDraftClaim,
  onOpenClaim,
}: {
  receipt: ReceiptView;
  appointment: Appointment;
  timeZone: string;
  canWrite: boolean;
  onDraftClaim(draft: ClaimDraft): void;
  onOpenClaim(id: string): void;
}) {
  const { t } = useI18n();
  const open = receipt.status === 'open' && canWrite;
  const remove = useCommandMutation('claims.removePallet');
  const b = receipt.balance;
  const exceptions = receipt.pallets.filter((p) => p.condition !== 'ok');
  const draftClaim = () =>
    onDraftClaim({
      type: exceptions.some((p) => p.condition === 'damaged') ? 'damage_apparent' : 'shortage',
      carrierName: receipt.carrierName,
      deliveredOn: isoDate(appointment.startAt, timeZone),
      shipmentRef: receipt.reference,
      appointmentId: appointment.id,
      receiptId: receipt.id,
      ssccs: exceptions.flatMap((p) => (p.sscc ? [p.sscc] : [])),
      lines: exceptions.map((p) => ({
        description: `${t(`claims.condition.${p.condition}`)}${p.note ? `: ${p.note}` : ''}`,
        sscc: p.sscc,
        quantity: p.quantity,
        unitValueMinor: 0,
      })),
    });
  return (
    <div className="receipt" data-testid="receipt">
      <h2>
        {receipt.reference} · {receipt.carrierName}{' '}
        <span className="badge">{t(`claims.receipt.${receipt.status}`)}</span>
      </h2>
      <div className="facts" data-testid="receipt-balance">
        <span>{t('claims.balance.expected', { count: receipt.expected.reduce((s, e) => s + e.quantity, 0) || appointment.pallets })}</span>
        <span>{t('claims.balance.received', { count: receipt.pallets.filter((p) => p.condition !== 'short').reduce((s, p) => s + p.quantity, 0) })}</span>
        <span className={b.damaged ? 'bad' : undefined}>{t('claims.balance.damaged', { count: b.damaged })}</span>
        <span className={b.short ? 'bad' : undefined}>{t('claims.balance.short', { count: b.short })}</span>
        <span className={b.over ? 'bad' : undefined}>{t('claims.balance.over', { count: b.over })}</span>
      </div>
      {open && <AsnImport receipt={receipt} />}
      {open && <PalletForm receipt={receipt} />}
      <table className="table" data-testid="pallets">
        <thead>
          <tr>
            <th>{t('claims.pallet.sscc')}</th>
            <th>{t('claims.pallet.gtin')}</th>
            <th className="num">{t('claims.line.quantity')}</th>
            <th>{t('claims.pallet.condition')}</th>
            <th>{t('claims.pallet.note')}</th>
            <th>{t('claims.pallet.photos')}</th>
            <th>{t('claims.pallet.at')}</th>
            {open && <th />}
          </tr>
        </thead>
        <tbody>
          {receipt.pallets.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                {t('claims.pallet.none')}
              </td>
            </tr>
          )}
          {receipt.pallets.map((p) => (
            <tr key={p.id} className={`condition-${p.condition}`}>
              <td className="mono">{p.sscc ?? '–'}</td>
              <td className="mono">
                {p.gtin ?? '–'}
                {p.lot && <div className="muted small">{t('claims.pallet.lot', { lot: p.lot })}</div>}
              </td>
              <td className="num">{p.quantity}</td>
              <td>
                <span className={`badge condition condition-${p.condition}`}>{t(`claims.condition.${p.condition}`)}</span>
              </td>
              <td>{p.note}</td>
              <td>{p.photos.length || ''}</td>
              <td>{clock(p.at, timeZone)}</td>
              {open && (
                <td className="row-actions">
                  <button type="button" className="ghost" onClick={() => remove.mutate({ receiptId: receipt.id, palletId: p.id })}>
                    {t('claims.pallet.remove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {receipt.status === 'finished' && (
        <p className="notice" data-testid="receipt-finished">
          {receipt.subjectToInspection ? t('claims.receipt.subjectToInspection') : t('claims.receipt.clean')}
          {receipt.note && ` — ${receipt.note}`}
        </p>
      )}
      {open && <FinishForm receipt={receipt} />}
      {b.exceptions > 0 && (
        <div className="warning-box exception-box">
          <p>{t('claims.receiving.exceptions', { count: exceptions.length })}</p>
          <div className="actions">
            {receipt.claimIds.map((id) => (
              <button key={id} type="button" onClick={() => onOpenClaim(id)}>
                {t('claims.receiving.openClaim')}
              </button>
            ))}
            {canWrite && (
              <button type="button" className="primary" onClick={draftClaim}>
                {t('claims.receiving.draftClaim')}
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

/** Expected lines from the carrier's or supplier's CSV: over and short are then computed. */
function AsnImport({ receipt }: { receipt: ReceiptView }) {
  const { t, locale } = useI18n();
  const setExpected = useCommandMutation('claims.setExpected');
  const [messages, setMessages] = useState<{ tone: 'ok' | 'bad'; lines: string[] } | null>(null);
  async function load(file: File | undefined) {
    if (!file) return;
    const { expected, problems } = asnFromCsv(parseCsv(decodeText(await fileBytes(file))), MAX_RECEIPT_PALLETS);
    if (problems.length) {
      setMessages({
        tone: 'bad',
        lines: [
          ...problems.slice(0, 8).map((p) => t(`claims.asn.problem.${p.problem}`, { row: p.row, value: p.value ?? '' })),
          t('claims.asn.nothingTaken'),
        ],
      });
      return;
    }
    try {
      await setExpected.mutateAsync({ receiptId: receipt.id, expected });
      setMessages({ tone: 'ok', lines: [t('claims.asn.imported', { count: expected.length })] });
    } catch (err) {
      setMessages({ tone: 'bad', lines: [claimsErrorText(err, t, locale)] });
    }
  }
  return (
    <div className="asn-import">
      <label className="file-pick button-like">
        <span>{t('claims.asn.import')}</span>
        <input
          className="visually-hidden"
          type="file"
          accept=".csv,text/csv,text/plain"
          data-testid="asn-file"
          onChange={(e) => {
            void load(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </label>
      {messages && (
        <div className={messages.tone === 'bad' ? 'refusal' : 'notice'} role={messages.tone === 'bad' ? 'alert' : 'status'} data-testid="asn-result">
          {messages.lines.map((l) => (
            <p key={l}>{l}</p>
          ))}
        </div>
      )}
    </div>
  );
}

function PalletForm({ receipt }: { receipt: ReceiptView }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const record = useCommandMutation('claims.recordPallet');
  const [codes, setCodes] = useState<ScannedCodes>({});
  const [ssccText, setSsccText] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [condition, setCondition] = useState<PalletCondition>('ok');
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<{ id: string; name: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  // The next scan comes straight after a record: the focus goes back to the form itself, so the
  // scanner's Enter cannot press a button.
  const formRef = useRef<HTMLFormElement>(null);
  const took = (c: ScannedCodes) => {
    if (!c.sscc && !c.gtin) return;
    setCodes(c);
    setSsccText(c.sscc ?? '');
    setError(null);
  };
  // Keyboard scanners: this screen takes the scan; serial and simulated ones arrive as events.
  useWedgeScan((scan) => took(codesOfText('wedge', scan.data)));
  // Says when the scan handler above is registered (effects run in order), for tests and tools.
  const [scanReady, setScanReady] = useState(false);
  useEffect(() => setScanReady(true), []);
  useEvent('devices.scan', (record) => {
    if (record.source !== 'wedge') took(codesOf(record.ais, record.raw));
  });
  async function addFiles(files: File[]) {
    if (!files.length) return;
    await addPhotos(files.map((f) => ({ name: f.name, bytes: () => fileBytes(f) })));
  }
  async function addPhotos(items: { name: string; bytes: () => Promise<Uint8Array> }[]) {
    setBusy(true);
    setError(null);
    try {
      for (const item of items) {
        const stored = await uploadEvidence(api, item.name, await item.bytes());
        setPhotos((ps) => [...ps, { id: stored.id, name: item.name }]);
      }
    } catch (err) {
      setError(err instanceof EvidenceTooLarge ? t('claims.reason.file_too_large') : claimsErrorText(err, t, locale));
    } finally {
      setBusy(false);
    }
  }
  async function submit() {
    setError(null);
    const sscc = ssccText.trim() || null;
    try {
      await record.mutateAsync({
        receiptId: receipt.id,
        sscc,
        gtin: codes.gtin ?? null,
        lot: codes.lot ?? null,
        quantity: Number(quantity) || 1,
        condition,
        note,
        photos: photos.map((p) => p.id),
      });
      setCodes({});
      setSsccText('');
      setQuantity('1');
      setCondition('ok');
      setNote('');
      setPhotos([]);
      formRef.current?.focus();
    } catch (err) {
      setError(claimsErrorText(err, t, locale));
    }
  }
  return (
    <form
      ref={formRef}
      tabIndex={-1}
      data-scan-ready={scanReady}
      className="pallet-form"
      data-testid="pallet-form"
      aria-label={t('claims.pallet.form')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="row">
        <label>
          {t('claims.pallet.sscc')}
          <input
            value={ssccText}
            onChange={(e) => setSsccText(e.target.value)}
            inputMode="numeric"
            placeholder={t('claims.pallet.scanHint')}
          />
        </label>
        {codes.gtin && (
          <span className="facts">
            {t('claims.pallet.gtin')} {codes.gtin}
            {codes.lot && ` · ${t('claims.pallet.lot', { lot: codes.lot })}`}
          </span>
        )}
        <label className="narrow">
          {t('claims.line.quantity')}
          <input value={quantity} onChange={(e) => setQuantity(e.target.value)} inputMode="numeric" />
        </label>
      </div>
      <fieldset className="conditions" aria-label={t('claims.pallet.condition')}>
        {PALLET_CONDITIONS.map((c) => (
          <label key={c} className={`condition-choice condition-${c}${condition === c ? ' chosen' : ''}`}>
            <input type="radio" name="condition" value={c} checked={condition === c} onChange={() => setCondition(c)} />
            {t(`claims.condition.${c}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('claims.pallet.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
      </label>
      <div className="photo-row">
        <label className="file-pick button-like">
          <span>{t('claims.pallet.addPhoto')}</span>
          <input className="visually-hidden" type="file" accept="image/png,image/jpeg" multiple disabled={busy} onChange={(e) => {
              void addFiles(Array.from(e.target.files ?? []));
              e.target.value = '';
            }} data-testid="pallet-photo" />
        </label>
        <button type="button" onClick={() => setCamera((x) => !x)}>
          {camera ? t('claims.camera.close') : t('claims.camera.open')}
        </button>
        {photos.map((p) => (
          <span key={p.id} className="badge photo-chip">
            {p.name}
          </span>
        ))}
        {busy && <span className="muted">{t('claims.evidence.uploading')}</span>}
      </div>
      {camera && (
        <Camera
          onShot={(bytes) =>
            void addPhotos([{ name: `photo-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.jpg`, bytes: async () => bytes }])
          }
        />
      )}
      {error && (
        <div className="refusal" role="alert">
          {error}
        </div>
      )}
      <div className="actions">
        <span className="spacer" />
        <button type="submit" className="primary" disabled={busy || record.isPending}>
          {t('claims.pallet.record')}
        </button>
      </div>
    </form>
  );
}

/** The webcam (getUserMedia), one frame per click. */
function Camera({ onShot }: { onShot(bytes: Uint8Array): void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let alive = true;
    navigator.mediaDevices
      ?.getUserMedia({ video: true, audio: false })
      .then((s) => {
        if (!alive) return s.getTracks().forEach((tr) => tr.stop());
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
      })
      .catch(() => setError(t('claims.camera.unavailable')));
    if (!navigator.mediaDevices) setError(t('claims.camera.unavailable'));
    return () => {
      alive = false;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [t]);
  return (
    <div className="camera">
      {error ? (
        <p className="refusal">{error}</p>
      ) : (
        <>
          <video ref={video} muted playsInline />
          <button type="button" onClick={() => video.current && void captureFrame(video.current).then(onShot)}>
            {t('claims.camera.take')}
          </button>
        </>
      )}
    </div>
  );
}

function FinishForm({ receipt }: { receipt: ReceiptView }) {
  const { t, locale } = useI18n();
  const finish = useCommandMutation('claims.finishReceiving');
  const [subject, setSubject] = useState(receipt.balance.exceptions > 0);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="finish-form"
      onSubmit={(e) => {
        e.preventDefault();
        finish.mutate(
          { receiptId: receipt.id, subjectToInspection: subject, note },
          { onError: (err) => setError(claimsErrorText(err, t, locale)) },
        );
      }}
    >
      <label className="check">
        <input type="checkbox" checked={subject} onChange={(e) => setSubject(e.target.checked)} />
        {t('claims.receipt.subjectToInspectionCheck')}
      </label>
      <input aria-label={t('claims.receipt.note')} placeholder={t('claims.receipt.note')} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={finish.isPending}>
        {t('claims.receiving.finish')}
      </button>
      {error && <div className="refusal">{error}</div>}
    </form>
  );
}
