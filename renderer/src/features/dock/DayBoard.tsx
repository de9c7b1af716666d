import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Appointment, Door } from '@shared/contract';
import { atMinuteOfDay, dayBounds, isoDate, minuteOfDay } from '@shared/domain/time';
import { clock, timeOfDay, timeSpan } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { BlockContent, BlockTip, type TipTarget } from './BoardBlock';
import { BoardLegend } from './BoardLegend';
import {
  blockLabel,
  blockMinutes,
  boardSpan,
  hourMarks,
  pxPerMinute,
  ROW_HEIGHT,
  snap,
  SNAP_MIN,
} from './board-geometry';

/** Width of the sticky door-name column, in px (also in styles.css as --door-col). */
const DOOR_COL = 150;

export interface MoveRequest {
  appointment: Appointment;
  doorId: string;
  startAt: number;
}

interface Props {
  date: string;
  timeZone: string;
  doors: Door[];
  appointments: Appointment[];
  onOpen(appointment: Appointment): void;
  onBookAt(doorId: string, startAt: number): void;
  onMove(request: MoveRequest): void;
}

interface Drag {
  id: string;
  pointerX: number;
  pointerY: number;
  row: number;
  dx: number;
  dy: number;
  moved: boolean;
}

/**
 * Doors as rows, the working day as columns, appointments as blocks you can drag or move by
 * keyboard. The whole working day fits the window's width (the board scrolls sideways only on a
 * narrow window, with the door names and the hour header kept in view), so a busy morning and an
 * empty evening are both seen at a glance.
 */
export function DayBoard({ date, timeZone, doors, appointments, onOpen, onBookAt, onMove }: Props) {
  const { t } = useI18n();
  const day = dayBounds(date, timeZone);
  const placed = new Map(appointments.map((a) => [a.id, blockMinutes(a, day, timeZone)]));
  const span = boardSpan(doors, [...placed.values()]);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [tip, setTip] = useState<TipTarget | null>(null);
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);
  const laneWidth = useLaneWidth(scroller);
  const pxPerMin = pxPerMinute(laneWidth, span);
  const width = (span.to - span.from) * pxPerMin;
  const rowOf = new Map(doors.map((d, i) => [d.id, i]));
  const byRow = doors.map((d) =>
    appointments.filter((a) => a.doorId === d.id).sort((x, y) => x.startAt - y.startAt),
  );
  const showTip = (a: Appointment, el: HTMLElement) => setTip({ appointment: a, el });
  const hideTip = (id: string) => setTip((cur) => (cur?.appointment.id === id ? null : cur));

  const focusBlock = (id: string | undefined) => {
    if (id) scroller.current?.querySelector<HTMLElement>(`[data-appointment-id="${id}"]`)?.focus();
  };

  function onBlockKey(e: KeyboardEvent, a: Appointment, row: number) {
    const list = byRow[row]!;
    const index = list.indexOf(a);
    const nearestIn = (r: number) =>
      byRow[r]?.reduce<Appointment | undefined>(
        (best, x) =>
          !best || Math.abs(x.startAt - a.startAt) < Math.abs(best.startAt - a.startAt) ? x : best,
        undefined,
      );
    const step = (dRow: number, dMin: number) => {
      const door = doors[row + dRow];
      if (door) onMove({ appointment: a, doorId: door.id, startAt: a.startAt + dMin * 60_000 });
    };
    const keys: Record<string, () => void> = e.shiftKey
      ? {
          ArrowLeft: () => step(0, -SNAP_MIN),
          ArrowRight: () => step(0, SNAP_MIN),
          ArrowUp: () => step(-1, 0),
          ArrowDown: () => step(1, 0),
        }
      : {
          ArrowLeft: () => focusBlock(list[index - 1]?.id),
          ArrowRight: () => focusBlock(list[index + 1]?.id),
          ArrowUp: () => {
            for (let r = row - 1; r >= 0; r--) if (byRow[r]!.length) return focusBlock(nearestIn(r)?.id);
          },
          ArrowDown: () => {
            for (let r = row + 1; r < doors.length; r++)
              if (byRow[r]!.length) return focusBlock(nearestIn(r)?.id);
          },
          Enter: () => onOpen(a),
        };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      e.stopPropagation();
      action();
    }
  }

  function onPointerDown(e: PointerEvent, a: Appointment, row: number) {
    if (e.button !== 0) return;
    setTip(null);
    e.stopPropagation();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    setDrag({ id: a.id, pointerX: e.clientX, pointerY: e.clientY, row, dx: 0, dy: 0, moved: false });
  }

  function onPointerMove(e: PointerEvent) {
    if (!drag) return;
    const dx = e.clientX - drag.pointerX;
    const dy = e.clientY - drag.pointerY;
    setDrag({ ...drag, dx, dy, moved: drag.moved || Math.abs(dx) > 4 || Math.abs(dy) > 4 });
  }

  function onPointerUp(a: Appointment) {
    if (!drag) return;
    const d = drag;
    setDrag(null);
    if (!d.moved) return onOpen(a);
    const minutes = snap(d.dx / pxPerMin);
    const row = Math.min(doors.length - 1, Math.max(0, d.row + Math.round(d.dy / ROW_HEIGHT)));
    if (minutes === 0 && row === d.row) return;
    onMove({ appointment: a, doorId: doors[row]!.id, startAt: a.startAt + minutes * 60_000 });
  }

  const hours = hourMarks(span, pxPerMin);
  const nowMin = isoDate(now, timeZone) === date ? minuteOfDay(now, timeZone) : null;
  const nowShown = nowMin !== null && nowMin >= span.from && nowMin <= span.to;

  return (
    <div className="board" data-testid="day-board" style={{ ['--door-col' as string]: `${DOOR_COL}px` }}>
      <BoardLegend nowShown={nowShown} />
      <div className="board-scroll" ref={scroller} role="grid" aria-label={t('dock.boardLabel', { date })}>
        <div className="board-inner" style={{ width: width + DOOR_COL }}>
          <div className="board-row board-head" role="row">
            <div className="door-cell" role="columnheader">
              <span className="muted small">{t('dock.doorColumn')}</span>
            </div>
            <div className="lane" style={{ width }}>
              {hours.map((m) => (
                <div
                  key={m}
                  className="hour"
                  style={{ left: (m - span.from) * pxPerMin }}
                  role="columnheader"
                >
                  {timeOfDay(m)}
                </div>
              ))}
              {nowShown && (
                <div
                  className="now-tag"
                  style={{ left: (nowMin - span.from) * pxPerMin }}
                  data-testid="now-tag"
                  aria-label={t('dock.now', { time: timeOfDay(nowMin) })}
                >
                  {timeOfDay(nowMin)}
                </div>
              )}
            </div>
          </div>
          {doors.map((door, row) => (
            <div
              className="board-row"
              role="row"
              key={door.id}
              data-door={door.name}
              style={{ height: ROW_HEIGHT }}
            >
              <div className="door-cell" role="rowheader">
                <strong>{door.name}</strong>
                <span className="muted small door-hours">
                  {timeSpan(door.opensAt, door.closesAt)} · {t(`dir.${door.direction}`)}
                </span>
              </div>
              <div
                className="lane"
                style={{ width }}
                data-testid={`lane-${door.name}`}
                onDoubleClick={(e) => {
                  const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
                  const minute = span.from + Math.floor(x / pxPerMin / SNAP_MIN) * SNAP_MIN;
                  onBookAt(door.id, atMinuteOfDay(date, minute, timeZone));
                }}
              >
                {door.opensAt > span.from && (
                  <div
                    className="closed"
                    style={{ left: 0, width: (door.opensAt - span.from) * pxPerMin }}
                    title={t('dock.closed')}
                  />
                )}
                {door.closesAt < span.to && (
                  <div
                    className="closed"
                    style={{ left: (door.closesAt - span.from) * pxPerMin, right: 0 }}
                    title={t('dock.closed')}
                  />
                )}
                {hours.map((m) => (
                  <div key={m} className="gridline" style={{ left: (m - span.from) * pxPerMin }} />
                ))}
                {byRow[row]!.map((a) => {
                  const { left, width: w } = placed.get(a.id)!;
                  const dragging = drag?.id === a.id && drag.moved;
                  const style = {
                    left:
                      (left - span.from) * pxPerMin + (dragging ? snap(drag.dx / pxPerMin) * pxPerMin : 0),
                    top: (dragging ? snap(drag.dy / ROW_HEIGHT, 1) * ROW_HEIGHT : 0) + 4,
                    width: w * pxPerMin - 2,
                  };
                  const label = blockLabel(style.width);
                  return (
                    <div
                      key={a.id}
                      className={`block load-${a.loadType} label-${label}${dragging ? ' dragging' : ''}`}
                      style={style}
                      role="gridcell"
                      tabIndex={0}
                      data-appointment-id={a.id}
                      data-reference={a.reference}
                      aria-label={t('dock.blockLabel', {
                        reference: a.reference,
                        carrier: a.carrierName,
                        from: clock(a.startAt, timeZone),
                        to: clock(a.endAt, timeZone),
                        load: t(`load.${a.loadType}`),
                      })}
                      aria-describedby={tip?.appointment.id === a.id ? 'board-tip' : undefined}
                      onPointerDown={(e) => onPointerDown(e, a, rowOf.get(a.doorId) ?? row)}
                      onPointerMove={onPointerMove}
                      onPointerUp={() => onPointerUp(a)}
                      onPointerCancel={() => setDrag(null)}
                      onPointerEnter={(e) => !drag && showTip(a, e.currentTarget)}
                      onPointerLeave={() => hideTip(a.id)}
                      onFocus={(e) => showTip(a, e.currentTarget)}
                      onBlur={() => hideTip(a.id)}
                      onKeyDown={(e) => onBlockKey(e, a, row)}
                    >
                      <BlockContent
                        appointment={a}
                        label={label}
                        widthPx={style.width - (label === 'two' ? 11 : 9)}
                        timeZone={timeZone}
                      />
                    </div>
                  );
                })}
                {nowShown && (
                  <div className="now-line" style={{ left: (nowMin - span.from) * pxPerMin }} aria-hidden />
                )}
              </div>
            </div>
          ))}
        </div>
      </div>
      {tip && !drag && <BlockTip target={tip} timeZone={timeZone} doors={doors} />}
      <p className="muted small board-help">{t('dock.keyboardHelp')}</p>
    </div>
  );
}

/** The width the lanes may fill: the scroller's width less the door column, kept current. */
function useLaneWidth(scroller: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(0, el.clientWidth - DOOR_COL));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [scroller]);
  return width;
}

function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
