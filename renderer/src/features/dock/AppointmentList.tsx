import type { Appointment, Door } from '@shared/contract';
import { clock } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

/** The same day as a table: for reading out, sorting by eye and for screen readers. */
export function AppointmentList({
  appointments,
  doors,
  timeZone,
  onOpen,
}: {
  appointments: Appointment[];
  doors: Door[];
  timeZone: string;
  onOpen(a: Appointment): void;
}) {
  const { t } = useI18n();
  const doorName = new Map(doors.map((d) => [d.id, d.name]));
  const sorted = [...appointments].sort(
    (a, b) =>
      a.startAt - b.startAt || (doorName.get(a.doorId) ?? '').localeCompare(doorName.get(b.doorId) ?? ''),
  );
  if (sorted.length === 0) return <p className="empty">{t('dock.noAppointments')}</p>;
  return (
    <table className="table" data-testid="appointment-list">
      <thead>
        <tr>
          <th>{t('appt.time')}</th>
          <th>{t('appt.door')}</th>
          <th>{t('appt.carrier')}</th>
          <th>{t('appt.reference')}</th>
          <th>{t('appt.loadType')}</th>
          <th className="num">{t('appt.pallets')}</th>
          <th>{t('appt.status')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((a) => (
          <tr key={a.id} className={a.status === 'cancelled' ? 'cancelled' : undefined}>
            <td>
              <button type="button" className="link" onClick={() => onOpen(a)}>
                {clock(a.startAt, timeZone)}–{clock(a.endAt, timeZone)}
              </button>
            </td>
            <td>{doorName.get(a.doorId) ?? '—'}</td>
            <td>{a.carrierName}</td>
            <td>{a.reference}</td>
            <td>{t(`load.${a.loadType}`)}</td>
            <td className="num">{a.pallets}</td>
            <td>
              {a.status === 'cancelled'
                ? `${t('appt.cancelled')}: ${a.cancelReason ?? ''}`
                : t('appt.booked')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
