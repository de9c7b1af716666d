import { useEffect, useState } from 'react';
import { isErrorCode, type AttentionItem, type CommandInput, type Door } from '@shared/contract';
import { atMinuteOfDay, isoDate } from '@shared/domain/time';
import { useToast } from '../../app/toasts';
import { TimeField } from '../../app/time-field';
import { ApiError } from '../../lib/api/client';
import { useCommandMutation, useCommandQuery } from '../../lib/api/hooks';
import { clock, dateTime } from '../../lib/format';
import { useI18n, type Translate } from '../../lib/i18n';
import type { MessageKey } from '../../lib/i18n/en';
import { describeRefusal } from '../../app/refusal';
import './sync.css';

/**
 * "Needs attention": the signed-in user's changes the server refused or overrode, each with
 * what was tried, why, and what fixes it (edit and retry, try again, discard).
 */
export function AttentionPage({ timeZone }: { timeZone: string }) {
  const { t } = useI18n();
  const status = useCommandQuery('sync.status', {}).data;
  const items = useCommandQuery('sync.listAttention', {});
  const doors = useCommandQuery('dock.listDoors', { includeInactive: true }).data ?? [];
  const { refetch } = items;
  // The count in the status moves when the server reports new items: fetch the list again.
  useEffect(() => void refetch(), [status?.attention, refetch]);
  return (
    <section className="attention" data-testid="attention-page">
      <h1>{t('inbox.title')}</h1>
      <p className="muted">{t('inbox.intro')}</p>
      {items.data?.length === 0 && <p className="empty">{t('inbox.empty')}</p>}
      <ul className="attention-list">
        {items.data?.map((item) => (
          <li key={item.id} className={`attention-item attention-${item.kind}`} data-testid="attention-item">
            <Item item={item} doors={doors} timeZone={timeZone} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Item({ item, doors, timeZone }: { item: AttentionItem; doors: Door[]; timeZone: string }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const resolve = useCommandMutation('sync.resolveAttention');
  const [editing, setEditing] = useState(false);
  const args = (item.args ?? {}) as Record<string, unknown>;
  const doorName = (id: unknown) => doors.find((d) => d.id === id)?.name ?? '?';
  const run = (action: 'retry' | 'discard' | 'seen', changes?: CommandInput<'sync.resolveAttention'>['changes']) =>
    resolve.mutate(
      { id: item.id, action, ...(changes ? { changes } : {}) },
      {
        onSuccess: () =>
          action !== 'seen' &&
          toast({ kind: 'success', title: action === 'retry' ? t('inbox.retried') : t('inbox.discarded') }),
      },
    );
  const details = item.details as { nextFree?: { doorId: string; startAt: number }; reason?: string } | null;
  const nextFree = details?.nextFree;
  const duplicate = details?.reason === 'duplicate_reference';
  const isBooking = item.name === 'dock.bookAppointment' || item.name === 'dock.moveAppointment';
  return (
    <>
      <div className="attention-head">
        <strong>{item.kind === 'rejected' ? t('inbox.rejected') : t('inbox.overridden')}</strong>
        <span className="muted small">{t('inbox.madeAt', { time: dateTime(item.madeAt, timeZone, locale) })}</span>
      </div>
      <p>{t('inbox.tried', { what: describe(item, args, doorName, timeZone, t) })}</p>
      {item.kind === 'rejected' ? (
        <p className="attention-why">{t('inbox.why', { message: reason(item, doors, timeZone, t, locale) })}</p>
      ) : (
        <p className="attention-why">
          {t('inbox.changedBy', {
            field: item.field ?? '',
            name: item.changedBy ?? '',
            time: item.changedAt ? clock(item.changedAt, timeZone) : '',
            theirs: shown(item.theirs),
            yours: shown(item.yours),
          })}
        </p>
      )}
      {resolve.error && (
        <div className="refusal" role="alert">
          <p>{resolve.error.message}</p>
        </div>
      )}
      {editing && isBooking ? (
        <EditBooking
          item={item}
          doors={doors}
          timeZone={timeZone}
          busy={resolve.isPending}
          onCancel={() => setEditing(false)}
          onSave={(changes) => run('retry', changes)}
        />
      ) : (
        <div className="actions">
          {item.kind === 'rejected' && isBooking && nextFree && (
            <button
              type="button"
              className="primary"
              disabled={resolve.isPending}
              onClick={() => run('retry', { doorId: nextFree.doorId, startAt: nextFree.startAt })}
            >
              {t('inbox.bookAt', { time: clock(nextFree.startAt, timeZone), door: doorName(nextFree.doorId) })}
            </button>
          )}
          {item.kind === 'rejected' && duplicate && (
            <button
              type="button"
              className="primary"
              disabled={resolve.isPending}
              onClick={() => run('retry', { acceptDuplicateReference: true })}
            >
              {t('inbox.bookAnyway')}
            </button>
          )}
          {item.kind === 'rejected' && isBooking && !duplicate && (
            <button type="button" onClick={() => setEditing(true)}>
              {t('inbox.editRetry')}
            </button>
          )}
          {item.kind === 'rejected' && !isBooking && (
            <button type="button" disabled={resolve.isPending} onClick={() => run('retry')}>
              {t('inbox.retry')}
            </button>
          )}
          {item.kind === 'rejected' ? (
            <button type="button" disabled={resolve.isPending} onClick={() => run('discard')}>
              {t('inbox.discard')}
            </button>
          ) : (
            <button type="button" disabled={resolve.isPending} onClick={() => run('seen')}>
              {t('inbox.ok')}
            </button>
          )}
        </div>
      )}
    </>
  );
}

/** Door and start time of a refused booking or move, then "try again" with them. */
function EditBooking({
  item,
  doors,
  timeZone,
  busy,
  onCancel,
  onSave,
}: {
  item: AttentionItem;
  doors: Door[];
  timeZone: string;
  busy: boolean;
  onCancel(): void;
  onSave(changes: { doorId: string; startAt: number }): void;
}) {
  const { t } = useI18n();
  const args = item.args as { doorId: string; startAt: number };
  const nextFree = (item.details as { nextFree?: { doorId: string; startAt: number } } | null)?.nextFree;
  const [doorId, setDoorId] = useState(nextFree?.doorId ?? args.doorId);
  const [time, setTime] = useState(clock(nextFree?.startAt ?? args.startAt, timeZone));
  const day = isoDate(args.startAt, timeZone);
  return (
    <form
      className="attention-edit"
      onSubmit={(e) => {
        e.preventDefault();
        const [h, m] = time.split(':').map(Number);
        onSave({ doorId, startAt: atMinuteOfDay(day, h! * 60 + m!, timeZone) });
      }}
    >
      <label>
        {t('inbox.editDoor')}
        <select value={doorId} onChange={(e) => setDoorId(e.target.value)}>
          {doors
            .filter((d) => d.active)
            .map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
        </select>
      </label>
      <TimeField label={t('inbox.editTime')} value={time} onChange={setTime} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('inbox.retry')}
        </button>
      </div>
    </form>
  );
}

function describe(
  item: AttentionItem,
  args: Record<string, unknown>,
  doorName: (id: unknown) => string,
  timeZone: string,
  t: Translate,
): string {
  const key = `inbox.what.${item.name}` as MessageKey;
  const known = [
    'dock.bookAppointment',
    'dock.moveAppointment',
    'dock.updateAppointment',
    'dock.cancelAppointment',
    'dock.createDoor',
    'dock.updateDoor',
    'dock.setDoorActive',
    'fleet.saveGeofence',
    'fleet.deleteGeofence',
    'fleet.saveRule',
    'fleet.deleteRule',
    'routes.createVehicle',
    'routes.updateVehicle',
    'routes.createDriver',
    'routes.updateDriver',
  ];
  if (!known.includes(item.name)) return t('inbox.what.other', { name: item.name });
  return t(key, {
    reference: String(args.reference ?? ''),
    door: doorName(args.doorId),
    time: typeof args.startAt === 'number' ? clock(args.startAt, timeZone) : '',
    name: String(args.name ?? ''),
  });
}

/** The refusal in the operator's language where the dock words it (overlaps, hours, references). */
function reason(item: AttentionItem, doors: Door[], timeZone: string, t: Translate, locale: string): string {
  if (!item.name.startsWith('dock.') || !isErrorCode(item.code)) return item.message;
  const error = new ApiError({ code: item.code, message: item.message, details: item.details ?? undefined });
  return describeRefusal(error, doors, timeZone, t, locale).message;
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? `“${value}”` : JSON.stringify(value);
}
