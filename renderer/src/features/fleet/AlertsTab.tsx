import { useRef, useState } from 'react';
import { mayRun, type FleetAlert, type GeofenceShape } from '@shared/contract';
import { useCommandMutation, useCommandQuery } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { errorText } from './errors';
import { DrawShape } from '../../map/DrawShape';
import { FitBounds } from '../../map/FitBounds';
import { ShapesLayer } from '../../map/ShapesLayer';
import { alertText } from './alert-text';
import { FleetMap } from './FleetMap';
import { when } from './fleet-format';
import { RulesPanel } from './RulesPanel';

type Drawing = { kind: 'polygon' | 'circle'; name: string; color: string } | null;

/** Geofences drawn on the map, the rules that watch them, and the alerts with acknowledge. */
export function AlertsTab({ timeZone, role }: { timeZone: string; role: string }) {
  const { t, locale } = useI18n();
  const fences = useCommandQuery('fleet.listGeofences', {});
  const alerts = useCommandQuery('fleet.listAlerts', { limit: 200 }, { refetchInterval: 10_000 });
  const save = useCommandMutation('fleet.saveGeofence');
  const remove = useCommandMutation('fleet.deleteGeofence');
  const ack = useCommandMutation('fleet.acknowledgeAlerts');
  const [drawing, setDrawing] = useState<Drawing>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const finish = useRef<(() => void) | null>(null);
  const canEdit = mayRun(role, 'fleet.saveGeofence');
  const open = (alerts.data ?? []).filter((a) => a.acknowledgedAt === null);

  const done = async (shape: GeofenceShape) => {
    if (!drawing) return;
    setError(null);
    try {
      await save.mutateAsync({ name: drawing.name, color: drawing.color, shape });
      setDrawing(null);
      setName('');
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  const start = (kind: 'polygon' | 'circle') =>
    name.trim() && setDrawing({ kind, name: name.trim(), color: kind === 'circle' ? '#2f7de1' : '#d9822b' });

  return (
    <div className="fleet-alerts">
      <aside className="fleet-side">
        <section>
          <h2>{t('fleet.alerts.title', { count: open.length })}</h2>
          {open.length > 0 && (
            <button
              type="button"
              onClick={() => void ack.mutateAsync({ ids: open.map((a) => a.id) })}
              disabled={!mayRun(role, 'fleet.acknowledgeAlerts')}
            >
              {t('fleet.alerts.ackAll')}
            </button>
          )}
          <ul className="alert-list" data-testid="alert-list">
            {(alerts.data ?? []).length === 0 && <li className="empty">{t('fleet.alerts.none')}</li>}
            {(alerts.data ?? []).map((a: FleetAlert) => (
              <li
                key={a.id}
                className={a.acknowledgedAt ? 'acked' : `open alert-${a.kind}`}
                data-kind={a.kind}
              >
                <div>
                  <strong>{t(`fleet.alertKind.${a.kind}`)}</strong>{' '}
                  <span className="muted">{when(a.at, timeZone, locale)}</span>
                </div>
                <div>{alertText(a, t)}</div>
                {a.acknowledgedAt ? (
                  <div className="muted">
                    {t('fleet.alerts.acked', {
                      by: a.acknowledgedBy ?? '',
                      at: when(a.acknowledgedAt, timeZone, locale),
                    })}
                  </div>
                ) : (
                  <button
                    type="button"
                    className="small"
                    onClick={() => void ack.mutateAsync({ ids: [a.id] })}
                    disabled={!mayRun(role, 'fleet.acknowledgeAlerts')}
                  >
                    {t('fleet.alerts.ack')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      </aside>
      <div className="fleet-map-wrap">
        {canEdit && (
          <div className="draw-bar" data-testid="draw-bar">
            <input
              placeholder={t('fleet.geofence.name')}
              aria-label={t('fleet.geofence.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              disabled={!!drawing}
            />
            {!drawing ? (
              <>
                <button type="button" onClick={() => start('polygon')} disabled={!name.trim()}>
                  {t('fleet.geofence.drawPolygon')}
                </button>
                <button type="button" onClick={() => start('circle')} disabled={!name.trim()}>
                  {t('fleet.geofence.drawCircle')}
                </button>
              </>
            ) : (
              <>
                <span className="muted">
                  {drawing.kind === 'polygon'
                    ? t('fleet.geofence.polygonHelp')
                    : t('fleet.geofence.circleHelp')}
                </span>
                {drawing.kind === 'polygon' && (
                  <button type="button" onClick={() => finish.current?.()}>
                    {t('fleet.geofence.finish')}
                  </button>
                )}
                <button type="button" className="ghost" onClick={() => setDrawing(null)}>
                  {t('common.cancel')}
                </button>
              </>
            )}
            {error && <span className="error">{error}</span>}
          </div>
        )}
        <FleetMap label={t('fleet.geofence.mapLabel')} testId="geofence-map">
          <ShapesLayer shapes={fences.data ?? []} />
          {drawing && (
            <DrawShape
              kind={drawing.kind}
              color={drawing.color}
              onDone={(s) => void done(s)}
              finishRef={finish}
            />
          )}
          <FitBounds
            points={(fences.data ?? []).flatMap((g) =>
              g.shape.kind === 'circle' ? [[g.shape.lat, g.shape.lon] as [number, number]] : g.shape.points,
            )}
            fitKey={fences.data ? 'fences' : 'none'}
          />
        </FleetMap>
      </div>
      <aside className="fleet-side fleet-side-right">
        <section>
          <h2>{t('fleet.geofence.list')}</h2>
          <ul className="fence-list" data-testid="fence-list">
            {(fences.data ?? []).length === 0 && <li className="empty">{t('fleet.geofence.none')}</li>}
            {(fences.data ?? []).map((g) => (
              <li key={g.id}>
                <span className="dot" style={{ background: g.color }} aria-hidden /> {g.name}{' '}
                <span className="muted">
                  {g.shape.kind === 'circle'
                    ? t('fleet.geofence.circle', { radius: g.shape.radiusM })
                    : t('fleet.geofence.polygon', { corners: g.shape.points.length })}
                </span>
                {canEdit && (
                  <button
                    type="button"
                    className="ghost small"
                    onClick={() => void remove.mutateAsync({ id: g.id })}
                    aria-label={t('fleet.geofence.delete', { name: g.name })}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
        <RulesPanel geofences={fences.data ?? []} canEdit={mayRun(role, 'fleet.saveRule')} />
      </aside>
    </div>
  );
}
