import type { Door } from '@shared/contract';
import { timeSpan } from '../../lib/format';
import { useToast } from '../../app/toasts';
import { ApiError } from '../../lib/api/client';
import { useCommandMutation } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';

/** Every door, active or not, with edit and (de)activate. */
export function DoorsTable({ doors, onEdit }: { doors: Door[]; onEdit(door: Door): void }) {
  const { t } = useI18n();
  const toast = useToast();
  const setActive = useCommandMutation('dock.setDoorActive');

  async function toggle(door: Door) {
    try {
      const saved = await setActive.mutateAsync({ id: door.id, active: !door.active });
      toast({
        kind: 'success',
        title: t(saved.active ? 'door.reactivatedToast' : 'door.deactivatedToast', { name: saved.name }),
      });
    } catch (err) {
      toast({
        kind: 'error',
        title: t('error.title'),
        body: err instanceof ApiError ? err.message : String(err),
      });
    }
  }

  return (
    <table className="table" data-testid="doors-table">
      <thead>
        <tr>
          <th>{t('door.name')}</th>
          <th>{t('door.direction')}</th>
          <th>{t('door.hours')}</th>
          <th>{t('door.equipment')}</th>
          <th>{t('appt.status')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {doors.map((d) => (
          <tr key={d.id} className={d.active ? undefined : 'cancelled'}>
            <td>{d.name}</td>
            <td>{t(`dir.${d.direction}`)}</td>
            <td>
              {d.opensAt === 0 && d.closesAt === 1440 ? t('door.allDay') : timeSpan(d.opensAt, d.closesAt)}
            </td>
            <td>{d.equipment.map((e) => t(`eq.${e}`)).join(', ')}</td>
            <td>{d.active ? t('door.active') : t('door.inactive')}</td>
            <td>
              <div className="row-actions">
                <button type="button" onClick={() => onEdit(d)}>
                  {t('common.edit')}
                </button>
                <button type="button" onClick={() => void toggle(d)}>
                  {d.active ? t('door.deactivate') : t('door.reactivate')}
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
