import { useRef, useState, type FormEvent } from 'react';
import { LOAD_TYPES, type Appointment, type Door, type LoadType, type SeriesResult } from '@shared/contract';
import { atMinuteOfDay, isoDate, parseHhMm } from '@shared/domain/time';
import { DateField } from '../../app/date-field';
import { Dialog } from '../../app/dialog';
import { TimeField } from '../../app/time-field';
import { useToast } from '../../app/toasts';
import { useCommandMutation, useCommandQuery } from '../../lib/api/hooks';
import { clock, shortDate, timeSpan } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { describeRefusal, type Refusal } from '../../app/refusal';
import { DuplicateWarning, RefusalBox } from '../../app/refusal-box';
import { GatePassPanel } from './GatePassPanel';
import { REPEATS, ruleFor, SeriesOutcome, type Repeat, type Scope } from './series';

interface Props {
  timeZone: string;
  doors: Door[];
  /** An existing appointment to edit, or the door and start to book at. */
  appointment?: Appointment;
  initial?: { doorId: string; startAt: number };
  onClose(): void;
}

/** Book a new appointment or edit one; refusals say why and offer the next free slot. */
export function AppointmentDialog({ timeZone, doors, appointment, initial, onClose }: Props) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const carriers = useCommandQuery('dock.listCarriers', {});
  const book = useCommandMutation('dock.bookAppointment');
  const update = useCommandMutation('dock.updateAppointment');
  const cancel = useCommandMutation('dock.cancelAppointment');
  const createSeries = useCommandMutation('dock.createSeries');
  const editSeries = useCommandMutation('dock.editSeries');
  const cancelSeries = useCommandMutation('dock.cancelSeries');
  const inSeries = Boolean(appointment?.seriesId);
  const [repeat, setRepeat] = useState<Repeat>('none');
  const [count, setCount] = useState(8);
  const [customRule, setCustomRule] = useState('FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8');
  const [scope, setScope] = useState<Scope>('this');
  const [outcome, setOutcome] = useState<SeriesResult | null>(null);
  /** The appointment as its timeline moves on while the dialog is open. */
  const [live, setLive] = useState<Appointment | undefined>(appointment);
  const start = appointment?.startAt ?? initial?.startAt ?? Date.now();
  const [form, setForm] = useState({
    doorId: appointment?.doorId ?? initial?.doorId ?? doors[0]?.id ?? '',
    carrierName: appointment?.carrierName ?? '',
    reference: appointment?.reference ?? '',
    date: isoDate(start, timeZone),
    time: clock(start, timeZone),
    durationMin: appointment ? Math.round((appointment.endAt - appointment.startAt) / 60_000) : 60,
    loadType: (appointment?.loadType ?? 'palletized') as LoadType,
    pallets: appointment?.pallets ?? 0,
    notes: appointment?.notes ?? '',
  });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const busy =
    book.isPending ||
    update.isPending ||
    cancel.isPending ||
    createSeries.isPending ||
    editSeries.isPending ||
    cancelSeries.isPending;
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const readonly = appointment?.status === 'cancelled';

  const referenceInput = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent | null, acceptDuplicateReference = false) {
    e?.preventDefault();
    setRefusal(null);
    const minutes = parseHhMm(form.time);
    if (minutes === null) return setRefusal({ message: `${t('appt.start')}: HH:MM`, field: 'startAt' });
    const fields = {
      doorId: form.doorId,
      carrierName: form.carrierName,
      reference: form.reference,
      startAt: atMinuteOfDay(form.date, minutes, timeZone),
      durationMin: Number(form.durationMin),
      loadType: form.loadType,
      pallets: Number(form.pallets),
      notes: form.notes,
      ...(acceptDuplicateReference ? { acceptDuplicateReference } : {}),
    };
    const seriesFields = {
      doorId: fields.doorId,
      carrierName: fields.carrierName,
      reference: fields.reference,
      time: form.time,
      durationMin: fields.durationMin,
      loadType: fields.loadType,
      pallets: fields.pallets,
      notes: fields.notes,
    };
    try {
      if (!appointment && repeat !== 'none') {
        const rrule = ruleFor(repeat, count, customRule);
        return finishSeries(await createSeries.mutateAsync({ ...seriesFields, rrule, anchorDate: form.date }), 'created');
      }
      if (appointment?.seriesId && scope !== 'this') {
        if (form.date !== appointment.occurrenceDate)
          return setRefusal({ message: t('series.dateOnlyThis'), field: 'startAt' });
        const r = await editSeries.mutateAsync({
          seriesId: appointment.seriesId,
          scope,
          ...(scope === 'following' ? { fromDate: appointment.occurrenceDate! } : {}),
          ...seriesFields,
        });
        return finishSeries(r, 'edited');
      }
      const saved = appointment
        ? await update.mutateAsync({ id: appointment.id, ...fields })
        : await book.mutateAsync(fields);
      const door = doors.find((d) => d.id === saved.doorId)?.name ?? '';
      toast({
        kind: 'success',
        title: appointment
          ? t('appt.savedToast', { reference: saved.reference })
          : t('appt.bookedToast', { reference: saved.reference, door, time: clock(saved.startAt, timeZone) }),
      });
      onClose();
    } catch (err) {
      setRefusal(describeRefusal(err, doors, timeZone, t, locale));
    }
  }

  /** A series change: a toast when every occurrence went through, else the list of those that did not. */
  function finishSeries(r: SeriesResult, what: 'created' | 'edited' | 'cancelled') {
    toast({
      kind: 'success',
      title: t(`series.${what}Toast`, { reference: r.series.reference, count: String(r.appointments.length) }),
    });
    if (r.unbookable.length > 0) setOutcome(r);
    else onClose();
  }

  async function confirmCancel() {
    if (!appointment) return;
    try {
      if (appointment.seriesId && scope !== 'this') {
        const r = await cancelSeries.mutateAsync({
          seriesId: appointment.seriesId,
          scope,
          ...(scope === 'following' ? { fromDate: appointment.occurrenceDate! } : {}),
          reason,
        });
        return finishSeries(r, 'cancelled');
      }
      await cancel.mutateAsync({ id: appointment.id, reason });
      toast({ kind: 'success', title: t('appt.cancelledToast', { reference: appointment.reference }) });
      onClose();
    } catch (err) {
      setRefusal(describeRefusal(err, doors, timeZone, t, locale));
    }
  }

  const useSlot = () => {
    const slot = refusal?.nextFree;
    if (!slot) return;
    setForm((f) => ({
      ...f,
      doorId: slot.doorId,
      date: isoDate(slot.startAt, timeZone),
      time: clock(slot.startAt, timeZone),
    }));
    setRefusal(null);
  };
  const invalid = (field: string) => (refusal?.field === field ? true : undefined);

  if (outcome) {
    return (
      <Dialog title={t('series.outcomeTitle', { reference: outcome.series.reference })} onClose={onClose}>
        <SeriesOutcome result={outcome} timeZone={timeZone} onClose={onClose} />
      </Dialog>
    );
  }

  return (
    <Dialog
      title={appointment ? t('appt.edit', { reference: appointment.reference }) : t('appt.new')}
      onClose={onClose}
    >
      <form className="form" onSubmit={submit}>
        <fieldset disabled={readonly || busy}>
          <label>
            {t('appt.door')}
            <select
              value={form.doorId}
              onChange={(e) => set('doorId', e.target.value)}
              aria-invalid={invalid('doorId')}
            >
              {doors.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({t(`dir.${d.direction}`)}, {timeSpan(d.opensAt, d.closesAt)})
                </option>
              ))}
            </select>
          </label>
          <div className="row">
            <label>
              {t('appt.carrier')}
              <input
                list="carriers"
                required
                maxLength={80}
                value={form.carrierName}
                onChange={(e) => set('carrierName', e.target.value)}
                aria-invalid={invalid('carrierName')}
              />
              <datalist id="carriers">
                {carriers.data?.map((c) => (
                  <option key={c.id} value={c.name} />
                ))}
              </datalist>
            </label>
            <label>
              {t('appt.reference')}
              <input
                ref={referenceInput}
                required
                maxLength={60}
                value={form.reference}
                onChange={(e) => set('reference', e.target.value)}
                aria-invalid={invalid('reference')}
              />
            </label>
          </div>
          <div className="row">
            <DateField label={t('appt.date')} value={form.date} onChange={(v) => set('date', v)} />
            <TimeField
              label={t('appt.start')}
              value={form.time}
              onChange={(v) => set('time', v)}
              invalid={refusal?.field === 'startAt'}
            />
            <label>
              {t('appt.duration')}
              <input
                type="number"
                required
                min={5}
                max={720}
                step={5}
                value={form.durationMin}
                onChange={(e) => set('durationMin', Number(e.target.value))}
                aria-invalid={invalid('durationMin')}
              />
            </label>
          </div>
          <div className="row">
            <label>
              {t('appt.loadType')}
              <select value={form.loadType} onChange={(e) => set('loadType', e.target.value as LoadType)}>
                {LOAD_TYPES.map((l) => (
                  <option key={l} value={l}>
                    {t(`load.${l}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('appt.pallets')}
              <input
                type="number"
                min={0}
                max={99}
                value={form.pallets}
                onChange={(e) => set('pallets', Number(e.target.value))}
                aria-invalid={invalid('pallets')}
              />
            </label>
          </div>
          {!appointment && (
            <div className="row">
              <label>
                {t('series.repeat')}
                <select value={repeat} onChange={(e) => setRepeat(e.target.value as Repeat)} data-testid="series-repeat">
                  {REPEATS.map((r) => (
                    <option key={r} value={r}>
                      {t(`series.repeat.${r}`)}
                    </option>
                  ))}
                </select>
              </label>
              {repeat === 'custom' ? (
                <label>
                  {t('series.rule')}
                  <input
                    required
                    maxLength={300}
                    value={customRule}
                    onChange={(e) => setCustomRule(e.target.value)}
                    aria-invalid={invalid('rrule')}
                    spellCheck={false}
                  />
                </label>
              ) : (
                repeat !== 'none' && (
                  <label>
                    {t('series.count')}
                    <input
                      type="number"
                      min={2}
                      max={500}
                      required
                      value={count}
                      onChange={(e) => setCount(Number(e.target.value))}
                    />
                  </label>
                )
              )}
            </div>
          )}
          <label>
            {t('appt.notes')}
            <textarea
              rows={2}
              maxLength={500}
              value={form.notes}
              onChange={(e) => set('notes', e.target.value)}
            />
          </label>
        </fieldset>
        {inSeries && !readonly && (
          <fieldset className="scope" disabled={busy}>
            <legend>{t('series.partOf', { date: shortDate(appointment!.occurrenceDate ?? '', locale) })}</legend>
            {(['this', 'following', 'all'] as const).map((s) => (
              <label key={s} className="inline">
                <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} />
                {t(`series.scope.${s}`)}
              </label>
            ))}
          </fieldset>
        )}
        {live && !readonly && (
          <GatePassPanel appointment={live} doors={doors} timeZone={timeZone} onChanged={setLive} />
        )}
        {readonly && (
          <p className="notice">
            {t('appt.cancelled')}: {appointment?.cancelReason}
          </p>
        )}
        {refusal?.duplicateOf ? (
          <DuplicateWarning
            message={refusal.message}
            confirmLabel={appointment ? t('appt.saveAnyway') : t('appt.bookAnyway')}
            busy={busy}
            onConfirm={() => void submit(null, true)}
            onFix={() => {
              setRefusal(null);
              referenceInput.current?.focus();
              referenceInput.current?.select();
            }}
          />
        ) : (
          refusal && <RefusalBox refusal={refusal} onUseSlot={useSlot} />
        )}
        {cancelling ? (
          <div className="cancel-box">
            <label>
              {t('appt.cancelReason')}
              <input
                autoFocus
                required
                minLength={3}
                maxLength={200}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </label>
            <div className="actions">
              <button type="button" onClick={() => setCancelling(false)}>
                {t('appt.keep')}
              </button>
              <button
                type="button"
                className="danger"
                disabled={reason.trim().length < 3 || busy}
                onClick={confirmCancel}
              >
                {t('appt.confirmCancel')}
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            {appointment && !readonly && (
              <button type="button" className="danger-link" onClick={() => setCancelling(true)}>
                {t('appt.cancelAppointment')}
              </button>
            )}
            <span className="spacer" />
            <button type="button" onClick={onClose}>
              {t('common.close')}
            </button>
            {!readonly && (
              <button type="submit" className="primary" disabled={busy}>
                {busy ? t('common.saving') : appointment ? t('appt.saveChanges') : t('appt.book')}
              </button>
            )}
          </div>
        )}
      </form>
    </Dialog>
  );
}
