import { useEffect, useState, type FormEvent } from 'react';
import type { Appointment, Door } from '@shared/contract';
import { addDays, isoDate } from '@shared/domain/time';
import { DateField } from '../../app/date-field';
import { useToast } from '../../app/toasts';
import { useApi, useCommandQuery } from '../../lib/api/hooks';
import { clock, formatNumber, longDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { AppointmentDialog } from './AppointmentDialog';
import { AppointmentList } from './AppointmentList';
import { DayBoard, type MoveRequest } from './DayBoard';
import { defaultStart } from './default-start';
import { DoorDialog } from './DoorDialog';
import { DoorsTable } from './DoorsTable';
import { describeRefusal } from '../../app/refusal';
import { TabList } from '../../app/tab-list';
import { DockAlerts } from '../../app/dock-alerts';
import { useGateScanToasts } from '../../app/gate-scan';
import { refusalText } from '../../lib/input-issues';

type View = 'board' | 'list' | 'doors';
type Editing =
  | { kind: 'appointment'; appointment?: Appointment; initial?: { doorId: string; startAt: number } }
  | { kind: 'door'; door?: Door }
  | null;

export function DockPage({ timeZone }: { timeZone: string }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [date, setDate] = useState(() => isoDate(Date.now(), timeZone));
  const [view, setView] = useState<View>('board');
  const [editing, setEditing] = useState<Editing>(null);
  const doors = useCommandQuery('dock.listDoors', { includeInactive: view === 'doors' });
  const appointments = useCommandQuery('dock.listAppointments', { date, includeCancelled: view === 'list' });
  const activeDoors = (doors.data ?? []).filter((d) => d.active);
  const booked = (appointments.data ?? []).filter((a) => a.status === 'booked');
  const [passCode, setPassCode] = useState('');
  useGateScanToasts();

  /** A gate pass typed (or wedge-scanned into the field): the truck checked in or out. */
  async function checkIn(e: FormEvent) {
    e.preventDefault();
    const code = passCode.trim();
    if (!code) return;
    try {
      const r = await api.call('dock.checkInByCode', { code });
      setPassCode('');
      toast({
        kind: 'success',
        title: t('gate.scanned', { reference: r.appointment.reference, stage: t(`stage.${r.stage}`) }),
      });
    } catch (err) {
      toast({ kind: 'error', title: t('gate.refused', { code }), body: refusalText(err, t) ?? String(err) });
    }
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (editing || e.ctrlKey || e.metaKey || e.altKey || /INPUT|SELECT|TEXTAREA/.test(target.tagName))
        return;
      if (e.key === 'n' || e.key === 'N') {
        e.preventDefault();
        setEditing({ kind: 'appointment' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editing]);

  async function move({ appointment, doorId, startAt }: MoveRequest) {
    try {
      const moved = await api.call('dock.moveAppointment', { id: appointment.id, doorId, startAt });
      toast({
        kind: 'success',
        title: t('dock.moved', {
          reference: moved.reference,
          door: activeDoors.find((d) => d.id === moved.doorId)?.name ?? '',
          time: clock(moved.startAt, timeZone),
        }),
      });
    } catch (err) {
      const refusal = describeRefusal(err, activeDoors, timeZone, t, locale);
      const slot = refusal.nextFree;
      toast({
        kind: 'error',
        title: t('dock.moveRefused', { reference: appointment.reference }),
        body: [refusal.message, refusal.nextFreeText].filter(Boolean).join(' '),
        action: slot
          ? {
              label: t('appt.useSlot'),
              run: () => void move({ appointment, doorId: slot.doorId, startAt: slot.startAt }),
            }
          : undefined,
      });
    }
  }

  const pallets = booked.reduce((sum, a) => sum + a.pallets, 0);
  const loading = doors.isPending || appointments.isPending;

  return (
    <section className="dock">
      <div className="toolbar">
        <h1>{t('dock.title')}</h1>
        <div className="date-nav">
          <button type="button" aria-label={t('dock.prevDay')} onClick={() => setDate(addDays(date, -1))}>
            ‹
          </button>
          <button type="button" onClick={() => setDate(isoDate(Date.now(), timeZone))}>
            {t('dock.today')}
          </button>
          <button type="button" aria-label={t('dock.nextDay')} onClick={() => setDate(addDays(date, 1))}>
            ›
          </button>
          <DateField
            label={t('dock.date')}
            hideLabel
            value={date}
            onChange={setDate}
            testId="board-date-field"
          />
          <span className="date-long" data-testid="board-date">
            {longDate(date, locale)}
          </span>
        </div>
        <TabList
          tabs={['board', 'list', 'doors'] as const}
          value={view}
          onChange={setView}
          label={(v) => t(`dock.view.${v}`)}
        />
        <span className="spacer" />
        {view === 'doors' ? (
          <button type="button" className="primary" onClick={() => setEditing({ kind: 'door' })}>
            {t('door.new')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={activeDoors.length === 0}
            onClick={() => setEditing({ kind: 'appointment' })}
          >
            {t('dock.book')}
          </button>
        )}
      </div>
      <div className="summary-row">
        <p className="muted small summary">
          {t(booked.length === 1 ? 'dock.summaryOne' : 'dock.summary', {
            count: formatNumber(booked.length, locale),
            pallets: formatNumber(pallets, locale),
          })}{' '}
          · {t('dock.timeZoneNote', { zone: timeZone })}
        </p>
        <form className="gate-checkin" onSubmit={(e) => void checkIn(e)}>
          <input
            aria-label={t('gate.codeLabel')}
            placeholder={t('gate.codeLabel')}
            value={passCode}
            maxLength={64}
            spellCheck={false}
            onChange={(e) => setPassCode(e.target.value)}
          />
          <button type="submit" disabled={!passCode.trim()}>
            {t('gate.checkIn')}
          </button>
        </form>
      </div>

      <DockAlerts timeZone={timeZone} />

      {loading ? (
        <p className="muted">{t('common.loading')}</p>
      ) : view === 'doors' ? (
        <DoorsTable doors={doors.data ?? []} onEdit={(door) => setEditing({ kind: 'door', door })} />
      ) : activeDoors.length === 0 ? (
        <div className="empty">
          <p>{t('dock.noDoors')}</p>
          <button type="button" className="primary" onClick={() => setEditing({ kind: 'door' })}>
            {t('dock.addFirstDoor')}
          </button>
        </div>
      ) : view === 'board' ? (
        <DayBoard
          date={date}
          timeZone={timeZone}
          doors={activeDoors}
          appointments={booked}
          onOpen={(appointment) => setEditing({ kind: 'appointment', appointment })}
          onBookAt={(doorId, startAt) => setEditing({ kind: 'appointment', initial: { doorId, startAt } })}
          onMove={(request) => void move(request)}
        />
      ) : (
        <AppointmentList
          appointments={appointments.data ?? []}
          doors={doors.data ?? []}
          timeZone={timeZone}
          onOpen={(appointment) => setEditing({ kind: 'appointment', appointment })}
        />
      )}

      {editing?.kind === 'appointment' && (
        <AppointmentDialog
          timeZone={timeZone}
          doors={activeDoors}
          appointment={editing.appointment}
          initial={
            editing.initial ?? { doorId: activeDoors[0]?.id ?? '', startAt: defaultStart(date, timeZone) }
          }
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'door' && (
        <DoorDialog
          door={editing.door}
          doors={doors.data ?? []}
          timeZone={timeZone}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}
