import { useState, type FormEvent } from 'react';
import {
  DOOR_DIRECTIONS,
  DOOR_EQUIPMENT,
  type Door,
  type DoorDirection,
  type DoorEquipment,
} from '@shared/contract';
import { timeOfDay } from '../../lib/format';
import { Dialog, FormActions } from '../../app/dialog';
import { TimeField } from '../../app/time-field';
import { useToast } from '../../app/toasts';
import { useCommandMutation } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { describeRefusal, type Refusal } from '../../app/refusal';
import { RefusalBox } from '../../app/refusal-box';

/** Create a dock door or edit one: name, direction, equipment and opening hours. */
export function DoorDialog({
  door,
  doors,
  timeZone,
  onClose,
}: {
  door?: Door;
  doors: Door[];
  timeZone: string;
  onClose(): void;
}) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const create = useCommandMutation('dock.createDoor');
  const update = useCommandMutation('dock.updateDoor');
  const [form, setForm] = useState({
    name: door?.name ?? '',
    direction: door?.direction ?? ('inbound' as DoorDirection),
    equipment: door?.equipment ?? ([] as DoorEquipment[]),
    opensAt: timeOfDay(door?.opensAt ?? 360),
    closesAt: timeOfDay(door?.closesAt ?? 1320),
  });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const busy = create.isPending || update.isPending;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setRefusal(null);
    try {
      const saved = door
        ? await update.mutateAsync({ id: door.id, ...form })
        : await create.mutateAsync(form);
      toast({
        kind: 'success',
        title: t(door ? 'door.savedToast' : 'door.createdToast', { name: saved.name }),
      });
      onClose();
    } catch (err) {
      setRefusal(describeRefusal(err, doors, timeZone, t, locale));
    }
  }

  const toggle = (eq: DoorEquipment) =>
    setForm((f) => ({
      ...f,
      equipment: f.equipment.includes(eq) ? f.equipment.filter((x) => x !== eq) : [...f.equipment, eq],
    }));

  return (
    <Dialog title={door ? t('door.edit', { name: door.name }) : t('door.new')} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <fieldset disabled={busy}>
          <div className="row">
            <label>
              {t('door.name')}
              <input
                required
                maxLength={40}
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.target.value })}
                aria-invalid={refusal?.field === 'name' ? true : undefined}
              />
            </label>
            <label>
              {t('door.direction')}
              <select
                value={form.direction}
                onChange={(e) => setForm({ ...form, direction: e.target.value as DoorDirection })}
              >
                {DOOR_DIRECTIONS.map((d) => (
                  <option key={d} value={d}>
                    {t(`dir.${d}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="row">
            <TimeField
              label={t('door.opensAt')}
              value={form.opensAt}
              onChange={(v) => setForm((f) => ({ ...f, opensAt: v }))}
            />
            <TimeField
              label={t('door.closesAt')}
              value={form.closesAt}
              allowEndOfDay
              onChange={(v) => setForm((f) => ({ ...f, closesAt: v }))}
            />
          </div>
          <fieldset className="checks">
            <legend>{t('door.equipment')}</legend>
            {DOOR_EQUIPMENT.map((eq) => (
              <label key={eq} className="check">
                <input type="checkbox" checked={form.equipment.includes(eq)} onChange={() => toggle(eq)} />
                {t(`eq.${eq}`)}
              </label>
            ))}
          </fieldset>
        </fieldset>
        {refusal && <RefusalBox refusal={refusal} />}
        <FormActions
          onCancel={onClose}
          busy={busy}
          submitLabel={door ? t('common.save') : t('door.create')}
        />
      </form>
    </Dialog>
  );
}
