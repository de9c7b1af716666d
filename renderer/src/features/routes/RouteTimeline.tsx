import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Plan, PlanRoute, PlanStop, Vehicle } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import { clock, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { Draft, Edit } from './plan-edit';
import { shiftOf, timelineSteps } from './plan-view';
import type { DragState } from './stop-drag';
import { MatrixNote } from './PlanSummaryBar';
import { keyEdit } from './stop-keys';
import { makeAxis, segmentsOf, xOf } from './timeline-geometry';
import { violationText } from './violation-text';

const LABEL_WIDTH = 210;
const MIN_PX_PER_MIN = 1;

interface Props {
  date: string;
  timeZone: string;
  plan: Plan;
  draft: Draft;
  vehicles: Vehicle[];
  colors: Map<string, string>;
  selected: string | null;
  drag: DragState | null;
  dragHandlers: (stopId: string, disabled?: boolean) => object;
  onSelect(stopId: string): void;
  onEdit(edit: Edit): void;
}

/** One row per vehicle on a time axis in the site's zone: driving, waiting, service, breaks. */
export function RouteTimeline(props: Props) {
  const { date, timeZone, plan, draft, vehicles, colors, selected, drag, dragHandlers, onSelect, onEdit } =
    props;
  const { t, locale } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1000);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const routes = new Map(plan.routes.map((r) => [r.vehicleId, r]));
  const vehicleById = new Map(vehicles.map((v) => [v.id, v]));
  const instants = [
    ...plan.routes.flatMap((r) => [r.departAt, r.returnAt]),
    ...vehicles.flatMap((v) => Object.values(shiftOf(v, date, timeZone))),
  ];
  const fallback = {
    from: atMinuteOfDay(date, 7 * 60, timeZone),
    to: atMinuteOfDay(date, 17 * 60, timeZone),
  };
  const spanMin = (to: number, from: number) => (to - from) / 60_000;
  const probe = makeAxis(instants, timeZone, 1, fallback);
  const pxPerMin = Math.max(MIN_PX_PER_MIN, (width - LABEL_WIDTH - 44) / spanMin(probe.to, probe.from));
  const axis = makeAxis(instants, timeZone, pxPerMin, fallback);

  function onStopKey(e: KeyboardEvent, stopId: string) {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      return onSelect(stopId);
    }
    const edit = keyEdit(e.key, e.shiftKey, draft, stopId, 'timeline');
    if (edit) {
      e.preventDefault();
      onEdit(edit);
    }
  }

  return (
    <div className="timeline" data-testid="route-timeline">
      <div className="timeline-scroll" ref={scroller}>
        <div className="timeline-inner" style={{ width: axis.width + LABEL_WIDTH + 32 }}>
          <div className="tl-row tl-head">
            <div className="tl-label small muted">{t('routes.timeline.zone', { zone: timeZone })}</div>
            <div className="tl-lane" style={{ width: axis.width }}>
              {axis.ticks.map((tick) => (
                <span key={tick} className="tl-hour" style={{ left: xOf(axis, tick) }}>
                  {clock(tick, timeZone)}
                </span>
              ))}
            </div>
          </div>
          {draft.routes.map((row) => {
            const route = routes.get(row.vehicleId);
            const vehicle = vehicleById.get(row.vehicleId);
            const color = colors.get(row.vehicleId) ?? '#777';
            const shift = vehicle ? shiftOf(vehicle, date, timeZone) : null;
            return (
              <div className="tl-row" key={row.vehicleId} data-testid={`timeline-row-${row.vehicleId}`}>
                <div className="tl-label">
                  <span className="swatch" style={{ background: color }} aria-hidden />
                  <span className="tl-name">
                    <strong>{route?.vehicleName ?? vehicle?.name ?? row.vehicleId}</strong>
                    <span className="small muted">
                      {route && route.metrics.stops > 0
                        ? t('routes.metrics.short', {
                            km: formatNumber(route.metrics.km, locale),
                            hours: formatNumber(route.metrics.hours, locale, { decimals: 1 }),
                          })
                        : t('routes.timeline.idle')}
                    </span>
                  </span>
                  {row.locked && (
                    <span className="lock-badge" title={t('routes.locked')}>
                      {t('routes.lockedShort')}
                    </span>
                  )}
                </div>
                <div
                  className={`tl-lane${drag?.target?.vehicleId === row.vehicleId ? ' drop-target' : ''}`}
                  style={{ width: axis.width }}
                  data-drop-vehicle={row.vehicleId}
                  data-axis="x"
                >
                  {axis.ticks.map((tick) => (
                    <span key={tick} className="tl-grid" style={{ left: xOf(axis, tick) }} />
                  ))}
                  {shift && (
                    <>
                      <span
                        className="tl-off"
                        style={{ left: 0, width: Math.max(0, xOf(axis, shift.from)) }}
                      />
                      <span
                        className="tl-off"
                        style={{
                          left: xOf(axis, shift.to),
                          width: Math.max(0, axis.width - xOf(axis, shift.to)),
                        }}
                      />
                    </>
                  )}
                  {route && (
                    <RouteSegments
                      route={route}
                      axis={axis}
                      color={color}
                      timeZone={timeZone}
                      locked={row.locked}
                      lockedStops={row.lockedStops}
                      selected={selected}
                      drag={drag}
                      dragHandlers={dragHandlers}
                      onKey={onStopKey}
                    />
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </div>
      <div className="tl-foot">
        <p className="tl-help small muted">{t('routes.timeline.help')}</p>
        <span className="tl-legend small muted" aria-hidden>
          {(['drive', 'wait', 'break', 'reload'] as const).map((kind) => (
            <span key={kind}>
              <span className={`tl-key tl-key-${kind}`} />
              {t(`routes.legend.${kind}`)}
            </span>
          ))}
        </span>
        <MatrixNote plan={plan} />
      </div>
    </div>
  );
}

function RouteSegments({
  route,
  axis,
  color,
  timeZone,
  locked,
  lockedStops,
  selected,
  drag,
  dragHandlers,
  onKey,
}: {
  route: PlanRoute;
  axis: ReturnType<typeof makeAxis>;
  color: string;
  timeZone: string;
  locked: boolean;
  lockedStops: number;
  selected: string | null;
  drag: DragState | null;
  dragHandlers: Props['dragHandlers'];
  onKey(e: KeyboardEvent, stopId: string): void;
}) {
  const { t } = useI18n();
  const stops = new Map(route.stops.flatMap((s) => (s.orderId ? [[s.orderId, s] as const] : [])));
  const segments = segmentsOf(timelineSteps(route));
  return (
    <>
      {segments.map((seg, i) => {
        const left = xOf(axis, seg.from);
        const w = Math.max(0, xOf(axis, seg.to) - left);
        if (seg.kind === 'service' && seg.stopId) {
          const stop = stops.get(seg.stopId)!;
          const fixed = locked || (stop.seq ?? 0) <= lockedStops;
          return (
            <StopBlock
              key={seg.stopId}
              stop={stop}
              left={left}
              width={w}
              color={color}
              timeZone={timeZone}
              selected={selected === seg.stopId}
              dragging={drag?.stopId === seg.stopId ? drag : null}
              fixed={fixed}
              handlers={dragHandlers(seg.stopId, fixed)}
              onKey={onKey}
            />
          );
        }
        return (
          <span
            key={`${seg.kind}-${i}`}
            className={`tl-seg tl-${seg.kind}`}
            style={{ left, width: w, ...(seg.kind === 'drive' ? { background: color } : {}) }}
            title={t(`routes.segment.${seg.kind}`, {
              from: clock(seg.from, timeZone),
              to: clock(seg.to, timeZone),
            })}
          />
        );
      })}
    </>
  );
}

function StopBlock({
  stop,
  left,
  width,
  color,
  timeZone,
  selected,
  dragging,
  fixed,
  handlers,
  onKey,
}: {
  stop: PlanStop;
  left: number;
  width: number;
  color: string;
  timeZone: string;
  selected: boolean;
  dragging: DragState | null;
  fixed: boolean;
  handlers: object;
  onKey(e: KeyboardEvent, stopId: string): void;
}) {
  const { t } = useI18n();
  const violated = stop.violations.length > 0;
  const problems = stop.violations.map((v) => violationText(v, t));
  const label = [
    t('routes.stop.label', {
      seq: stop.seq ?? '',
      reference: stop.reference ?? '',
      customer: stop.customer ?? '',
      eta: clock(stop.arrivalAt, timeZone),
    }),
    ...problems,
  ].join('. ');
  const w = Math.max(width, 22);
  return (
    <button
      type="button"
      className={[
        'tl-stop',
        violated && 'violated',
        selected && 'selected',
        dragging && 'dragging',
        fixed && 'fixed',
      ]
        .filter(Boolean)
        .join(' ')}
      style={{
        left: left - (w - width) / 2,
        width: w,
        background: color,
        transform: dragging ? `translate(${dragging.dx}px, ${dragging.dy}px)` : undefined,
      }}
      data-stop-id={stop.orderId}
      data-reference={stop.reference}
      data-violated={violated ? 'true' : undefined}
      aria-label={label}
      title={label}
      onKeyDown={(e) => onKey(e, stop.orderId!)}
      {...handlers}
    >
      {stop.seq}
      {violated && (
        <span className="tl-flag" aria-hidden>
          !
        </span>
      )}
    </button>
  );
}
