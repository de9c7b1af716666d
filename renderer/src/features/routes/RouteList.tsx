import type { KeyboardEvent } from 'react';
import type { Driver, Order, Plan, PlanRoute, PlanStop } from '@shared/contract';
import { clock, formatNumber, timeSpan } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { Draft, DraftRoute, Edit } from './plan-edit';
import type { DragState } from './stop-drag';
import { keyEdit } from './stop-keys';
import { unassignedText, violationText } from './violation-text';

interface Props {
  plan: Plan;
  draft: Draft;
  orders: Map<string, Order>;
  drivers: Driver[];
  colors: Map<string, string>;
  timeZone: string;
  selected: string | null;
  drag: DragState | null;
  dragHandlers: (stopId: string, disabled?: boolean) => object;
  onSelect(stopId: string): void;
  onEdit(edit: Edit): void;
}

/** Each route's stops in order (ETA, window, what is wrong), then the unassigned orders and why. */
export function RouteList(props: Props) {
  const { plan, draft, orders, colors, drag, onEdit, onSelect } = props;
  const { t } = useI18n();
  const routes = new Map(plan.routes.map((r) => [r.vehicleId, r]));

  function onStopKey(e: KeyboardEvent, stopId: string) {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      return onSelect(stopId);
    }
    const edit = keyEdit(e.key, e.shiftKey, draft, stopId, 'list');
    if (edit) {
      e.preventDefault();
      onEdit(edit);
    }
  }

  return (
    <div className="route-list" data-testid="route-list">
      {draft.routes.map((row) => (
        <RouteCard
          key={row.vehicleId}
          {...props}
          row={row}
          route={routes.get(row.vehicleId)}
          color={colors.get(row.vehicleId) ?? '#777'}
          onStopKey={onStopKey}
        />
      ))}
      <section
        className={`route-card unassigned${drag?.target && drag.target.vehicleId === null ? ' drop-target' : ''}`}
        data-drop-vehicle=""
        data-axis="y"
        data-testid="unassigned"
        aria-label={t('routes.unassigned.title')}
      >
        <header className="route-card-head">
          <strong>{t('routes.unassigned.title')}</strong>
          <span className="badge">{plan.unassigned.length}</span>
        </header>
        {plan.unassigned.length === 0 ? (
          <p className="small muted pad">{t('routes.unassigned.none')}</p>
        ) : (
          <ol className="stop-list">
            {plan.unassigned.map((u) => {
              const order = orders.get(u.orderId);
              return (
                <li key={u.orderId}>
                  <button
                    type="button"
                    className={`stop-item${drag?.stopId === u.orderId ? ' dragging' : ''}`}
                    data-stop-id={u.orderId}
                    data-reference={order?.reference}
                    style={dragStyle(drag, u.orderId)}
                    onKeyDown={(e) => onStopKey(e, u.orderId)}
                    {...props.dragHandlers(u.orderId)}
                  >
                    <span className="stop-seq muted">–</span>
                    <span className="stop-main">
                      <span className="stop-title">
                        <strong>{order?.reference ?? u.orderId}</strong> {order?.customer}
                      </span>
                      <span className={`stop-note${u.reason === 'not_planned' ? '' : ' warn'}`}>
                        {unassignedText(u, t)}
                      </span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        )}
      </section>
      <p className="small muted">{t('routes.list.help')}</p>
    </div>
  );
}

function dragStyle(drag: DragState | null, stopId: string) {
  return drag?.stopId === stopId ? { transform: `translate(${drag.dx}px, ${drag.dy}px)` } : undefined;
}

function RouteCard({
  row,
  route,
  color,
  drivers,
  orders,
  timeZone,
  selected,
  drag,
  dragHandlers,
  onEdit,
  onStopKey,
}: Props & {
  row: DraftRoute;
  route: PlanRoute | undefined;
  color: string;
  onStopKey(e: KeyboardEvent, id: string): void;
}) {
  const { t, locale } = useI18n();
  const name = route?.vehicleName ?? row.vehicleId;
  const routeProblems = (route?.violations ?? []).filter((v) => !v.orderId);
  const stops = route?.stops ?? [];
  return (
    <section
      className={`route-card${drag?.target?.vehicleId === row.vehicleId ? ' drop-target' : ''}`}
      data-drop-vehicle={row.vehicleId}
      data-axis="y"
      data-testid={`route-${row.vehicleId}`}
      aria-label={name}
    >
      <header className="route-card-head">
        <span className="swatch" style={{ background: color }} aria-hidden />
        <strong className="route-name">{name}</strong>
        <select
          aria-label={t('routes.driverFor', { vehicle: name })}
          value={row.driverId ?? ''}
          disabled={row.stops.length === 0}
          onChange={(e) =>
            onEdit({ kind: 'driver', vehicleId: row.vehicleId, driverId: e.target.value || null })
          }
        >
          <option value="">{t('routes.noDriver')}</option>
          {drivers.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className={`lock-toggle${row.locked ? ' on' : ''}`}
          aria-pressed={row.locked}
          disabled={row.stops.length === 0}
          title={t(row.locked ? 'routes.unlock' : 'routes.lock')}
          aria-label={t(row.locked ? 'routes.unlockRoute' : 'routes.lockRoute', { vehicle: name })}
          onClick={() => onEdit({ kind: 'lock', vehicleId: row.vehicleId, locked: !row.locked })}
        >
          {row.locked ? t('routes.lockedShort') : t('routes.lock')}
        </button>
      </header>
      {route && route.metrics.stops > 0 && (
        <p className="route-metrics small muted" data-testid={`metrics-${row.vehicleId}`}>
          {t(route.metrics.stops === 1 ? 'routes.metrics.longOne' : 'routes.metrics.long', {
            stops: route.metrics.stops,
            km: formatNumber(route.metrics.km, locale, { decimals: 1 }),
            hours: formatNumber(route.metrics.hours, locale, { decimals: 1 }),
            cost: formatNumber(route.metrics.cost, locale),
            from: clock(route.departAt, timeZone),
            to: clock(route.returnAt, timeZone),
          })}
        </p>
      )}
      {routeProblems.map((v, i) => (
        <p key={i} className="stop-note bad pad">
          {violationText(v, t)}
        </p>
      ))}
      {stops.length === 0 ? (
        <p className="small muted pad">{t('routes.emptyRoute')}</p>
      ) : (
        <ol className="stop-list">
          {stops.map((s, i) =>
            s.orderId ? (
              <li key={s.orderId}>
                <StopItem
                  stop={s}
                  order={orders.get(s.orderId)}
                  timeZone={timeZone}
                  selected={selected === s.orderId}
                  fixed={row.locked || (s.seq ?? 0) <= row.lockedStops}
                  drag={drag}
                  handlers={dragHandlers(s.orderId, row.locked || (s.seq ?? 0) <= row.lockedStops)}
                  onKey={onStopKey}
                />
              </li>
            ) : (
              <li key={`${s.kind}-${i}`} className="stop-pause small muted">
                {t(s.kind === 'break' ? 'routes.breakAt' : 'routes.reloadAt', {
                  from: clock(s.serviceStartAt, timeZone),
                  minutes: s.serviceMin,
                })}
              </li>
            ),
          )}
        </ol>
      )}
    </section>
  );
}

function StopItem({
  stop,
  order,
  timeZone,
  selected,
  fixed,
  drag,
  handlers,
  onKey,
}: {
  stop: PlanStop;
  order: Order | undefined;
  timeZone: string;
  selected: boolean;
  fixed: boolean;
  drag: DragState | null;
  handlers: object;
  onKey(e: KeyboardEvent, id: string): void;
}) {
  const { t } = useI18n();
  const id = stop.orderId!;
  const violated = stop.violations.length > 0;
  return (
    <button
      type="button"
      className={[
        'stop-item',
        violated && 'violated',
        selected && 'selected',
        drag?.stopId === id && 'dragging',
        fixed && 'fixed',
      ]
        .filter(Boolean)
        .join(' ')}
      data-stop-id={id}
      data-reference={stop.reference}
      data-violated={violated ? 'true' : undefined}
      style={dragStyle(drag, id)}
      onKeyDown={(e) => onKey(e, id)}
      {...handlers}
    >
      <span className="stop-seq">{stop.seq}</span>
      <span className="stop-main">
        <span className="stop-title">
          <strong>{stop.reference}</strong> {stop.customer}
        </span>
        <span className="stop-note">
          {t('routes.eta', { time: clock(stop.arrivalAt, timeZone) })}
          {order && order.timeWindows.length > 0 && ` · ${order.timeWindows.map(windowText).join(', ')}`}
          {stop.waitMin > 0 && ` · ${t('routes.waits', { minutes: Math.round(stop.waitMin) })}`}
        </span>
        {stop.violations.map((v, i) => (
          <span key={i} className="stop-note bad" data-testid="violation">
            ⚠ {violationText(v, t)}
          </span>
        ))}
      </span>
    </button>
  );
}

export function windowText(w: { from: number; to: number }): string {
  return timeSpan(w.from, w.to);
}
