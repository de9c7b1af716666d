import { useState } from 'react';
import { mayRun, SPEED_UNITS, type FleetVehicle, type SpeedUnit } from '@shared/contract';
import { useCommandMutation, useCommandQuery } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { errorText } from './errors';
import { Field } from './field';
import { num, when } from './fleet-format';

/** Where positions come from: the OsmAnd listener, serial GPS receivers, what was refused. */
export function SourcesPanel({
  vehicles,
  role,
  timeZone,
}: {
  vehicles: FleetVehicle[];
  role: string;
  timeZone: string;
}) {
  const { t, locale } = useI18n();
  const status = useCommandQuery('fleet.sourceStatus', {}, { refetchInterval: 5000 });
  const settings = useCommandQuery('fleet.getSettings', {});
  const update = useCommandMutation('fleet.updateSettings');
  const saveTracker = useCommandMutation('fleet.saveTracker');
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState<Record<string, string>>({});
  const admin = mayRun(role, 'fleet.updateSettings');
  const s = status.data;
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  const free = vehicles.filter((v) => !v.trackerId);
  return (
    <section className="fleet-panel" data-testid="sources-panel">
      <h2>{t('fleet.sources.title')}</h2>
      {s && (
        <>
          <p data-testid="listener-status">
            {s.listener.listening
              ? t('fleet.sources.listening', {
                  address: s.listener.address ?? '',
                  port: s.listener.port ?? '',
                })
              : s.listener.enabled
                ? (s.listener.error ?? t('fleet.sources.notListening'))
                : t('fleet.sources.off')}
          </p>
          <p className="muted">
            {t('fleet.sources.counters', {
              received: num(s.counters.received, locale),
              stored: num(s.counters.stored, locale),
              filtered: num(s.counters.badJump + s.counters.badAccuracy, locale),
              duplicates: num(s.counters.duplicates, locale),
              invalid: num(s.counters.invalid, locale),
            })}
          </p>
          {s.nmea.map((p) => (
            <p key={p.path}>
              {t('fleet.sources.nmea', {
                path: p.path,
                uid: p.trackerUid,
                state: t(`fleet.portState.${p.state}`),
                bad: p.badChecksum + p.badSentence,
              })}
              {p.reason && <span className="muted"> — {p.reason}</span>}
            </p>
          ))}
          {s.unknownDevices.length > 0 && (
            <>
              <h3>{t('fleet.sources.unknown')}</h3>
              <ul data-testid="unknown-devices">
                {s.unknownDevices.map((u) => (
                  <li key={u.uid}>
                    <code>{u.uid}</code>{' '}
                    <span className="muted">
                      {t('fleet.sources.seen', { count: u.count, at: when(u.lastSeenAt, timeZone, locale) })}
                    </span>
                    {mayRun(role, 'fleet.saveTracker') && (
                      <>
                        <select
                          aria-label={t('fleet.sources.vehicleFor', { uid: u.uid })}
                          value={adding[u.uid] ?? ''}
                          onChange={(e) => setAdding({ ...adding, [u.uid]: e.target.value })}
                        >
                          <option value="">{t('fleet.sources.noVehicle')}</option>
                          {free.map((v) => (
                            <option key={v.id} value={v.id}>
                              {v.name}
                            </option>
                          ))}
                        </select>
                        <button
                          type="button"
                          className="small"
                          onClick={() =>
                            void run(() =>
                              saveTracker.mutateAsync({ uid: u.uid, vehicleId: adding[u.uid] || null }),
                            )
                          }
                        >
                          {t('fleet.sources.allow')}
                        </button>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {admin && settings.data && (
        <fieldset className="fleet-form" data-testid="fleet-settings">
          <legend>{t('fleet.settings.title')}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={settings.data.listener.enabled}
              onChange={(e) =>
                void run(() => update.mutateAsync({ listener: { enabled: e.target.checked } }))
              }
            />
            {t('fleet.settings.listener')}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={settings.data.listener.lan}
              onChange={(e) => void run(() => update.mutateAsync({ listener: { lan: e.target.checked } }))}
            />
            {t('fleet.settings.lan')}
          </label>
          <NumberSetting
            label={t('fleet.settings.port')}
            value={settings.data.listener.port}
            onSave={(port) => run(() => update.mutateAsync({ listener: { port } }))}
          />
          <label className="field">
            <span>{t('fleet.settings.speedUnit')}</span>
            <select
              value={settings.data.listener.speedUnit}
              onChange={(e) =>
                void run(() => update.mutateAsync({ listener: { speedUnit: e.target.value as SpeedUnit } }))
              }
            >
              {SPEED_UNITS.map((u) => (
                <option key={u} value={u}>
                  {t(`fleet.unit.${u}`)}
                </option>
              ))}
            </select>
          </label>
          <NumberSetting
            label={t('fleet.settings.retention')}
            value={settings.data.retentionDays}
            onSave={(retentionDays) => run(() => update.mutateAsync({ retentionDays }))}
          />
          <NumberSetting
            label={t('fleet.settings.offline')}
            value={settings.data.offlineMinutes}
            onSave={(offlineMinutes) => run(() => update.mutateAsync({ offlineMinutes }))}
          />
          <NumberSetting
            label={t('fleet.settings.accuracy')}
            value={settings.data.maxAccuracyM}
            onSave={(maxAccuracyM) => run(() => update.mutateAsync({ maxAccuracyM }))}
          />
          <NumberSetting
            label={t('fleet.settings.speedThreshold')}
            value={settings.data.trip.speedThresholdKmh}
            onSave={(speedThresholdKmh) => run(() => update.mutateAsync({ trip: { speedThresholdKmh } }))}
          />
          <NumberSetting
            label={t('fleet.settings.minParking')}
            value={settings.data.trip.minParkingDurationS / 60}
            onSave={(m) =>
              run(() => update.mutateAsync({ trip: { minParkingDurationS: Math.round(m * 60) } }))
            }
          />
          <NumberSetting
            label={t('fleet.settings.minTripDistance')}
            value={settings.data.trip.minTripDistanceM}
            onSave={(minTripDistanceM) => run(() => update.mutateAsync({ trip: { minTripDistanceM } }))}
          />
          <NmeaSetting
            current={settings.data.nmea[0] ?? null}
            onSave={(nmea) => run(() => update.mutateAsync({ nmea }))}
          />
        </fieldset>
      )}
      {error && <p className="error">{error}</p>}
    </section>
  );
}

function NumberSetting({
  label,
  value,
  onSave,
}: {
  label: string;
  value: number;
  onSave(v: number): Promise<unknown>;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(String(value));
  const changed = text !== String(value);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(Number(text.replace(',', '.')));
      }}
    >
      <Field label={label} value={text} onChange={setText} inline inputMode="decimal" />
      {changed && <button type="submit">{t('common.save')}</button>}
    </form>
  );
}

function NmeaSetting({
  current,
  onSave,
}: {
  current: { path: string; baudRate: number; trackerUid: string } | null;
  onSave(v: { path: string; baudRate: number; trackerUid: string }[]): Promise<unknown>;
}) {
  const { t } = useI18n();
  const [path, setPath] = useState(current?.path ?? '');
  const [uid, setUid] = useState(current?.trackerUid ?? '');
  const [baud, setBaud] = useState(String(current?.baudRate ?? 4800));
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(
          path.trim() ? [{ path: path.trim(), baudRate: Number(baud), trackerUid: uid.trim() }] : [],
        );
      }}
    >
      <Field
        label={t('fleet.settings.nmeaPath')}
        value={path}
        onChange={setPath}
        inline
        placeholder="/dev/ttyUSB0"
      />
      <Field
        label={t('fleet.settings.nmeaBaud')}
        value={baud}
        onChange={setBaud}
        inline
        inputMode="numeric"
      />
      <Field label={t('fleet.settings.nmeaTracker')} value={uid} onChange={setUid} inline />
      <button type="submit">{t('common.save')}</button>
    </form>
  );
}
