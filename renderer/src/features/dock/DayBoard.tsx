import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Appointment, Door } from '@shared/contract';
import { atMinuteOfDay, dayBounds, formatHhMm, isoDate, minuteOfDay } from '@shared/domain/time';
import { clock } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { blockMinutes, boardSpan, PX_PER_MIN, ROW_HEIGHT, snap, SNAP_MIN } from './board-geometry';

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

/** Doors as rows, the day as columns, appointments as blocks you can drag or move by keyboard. */
export function DayBoard({ date, timeZone, doors, appointments, onOpen, onBookAt, onMove }: Props) {
  const { t } = useI18n();
  const span = boardSpan(doors);
  const day = dayBounds(date, timeZone);
  const width = (span.to - span.from) * PX_PER_MIN;
  const [drag, setDrag] = useState<Drag | null>(null);
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);
  const rowOf = new Map(doors.map((d, i) => [d.id, i]));
  const byRow = doors.map((d) =>
    appointments.filter((a) => a.doorId === d.id).sort((x, y) => x.startAt - y.startAt),
  );

  // Start the view near the current time (or the first opening) rather than at the far left.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const focusMin =
      isoDate(Date.now(), timeZone) === date ? minuteOfDay(Date.now(), timeZone) - 90 : span.from;
    el.scrollLeft = Math.max(0, (focusMin - span.from) * PX_PER_MIN);
  }, [date, timeZone, span.from]);

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
    const minutes = snap(d.dx / PX_PER_MIN);
    const row = Math.min(doors.length - 1, Math.max(0, d.row + Math.round(d.dy / ROW_HEIGHT)));
    if (minutes === 0 && row === d.row) return;
    onMove({ appointment: a, doorId: doors[row]!.id, startAt: a.startAt + minutes * 60_000 });
  }

  const hours: number[] = [];
  for (let m = span.from; m < span.to; m += 60) hours.push(m);
  const nowMin = isoDate(now, timeZone) === date ? minuteOfDay(now, timeZone) : null;

  return (
    <div className="board" role="grid" aria-label={t('dock.boardLabel', { date })} data-testid="day-board">
      <div className="board-scroll" ref={scroller}>
        <div className="board-inner" style={{ width: width + 180 }}>
          <div className="board-row board-head" role="row">
            <div className="door-cell" role="columnheader" />
            <div className="lane" style={{ width }}>
              {hours.map((m) => (
                <div
                  key={m}
                  className="hour"
                  style={{ left: (m - span.from) * PX_PER_MIN }}
                  role="columnheader"
                >
                  {formatHhMm(m)}
                </div>
              ))}
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
                <span className="muted small">
                  {t(`dir.${door.direction}`)} · {formatHhMm(door.opensAt)}–{formatHhMm(door.closesAt)}
                </span>
              </div>
              <div
                className="lane"
                style={{ width }}
                data-testid={`lane-${door.name}`}
                onDoubleClick={(e) => {
                  const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
                  const minute = span.from + Math.floor(x / PX_PER_MIN / SNAP_MIN) * SNAP_MIN;
                  onBookAt(door.id, atMinuteOfDay(date, minute, timeZone));
                }}
              >
                {door.opensAt > span.from && (
                  <div
                    className="closed"
                    style={{ left: 0, width: (door.opensAt - span.from) * PX_PER_MIN }}
                    title={t('dock.closed')}
                  />
                )}
                {door.closesAt < span.to && (
                  <div
                    className="closed"
                    style={{ left: (door.closesAt - span.from) * PX_PER_MIN, right: 0 }}
                    title={t('dock.closed')}
                  />
                )}
                {hours.map((m) => (
                  <div key={m} className="gridline" style={{ left: (m - span.from) * PX_PER_MIN }} />
                ))}
                {byRow[row]!.map((a) => {
                  const { left, width: w } = blockMinutes(a, day, timeZone);
                  const dragging = drag?.id === a.id && drag.moved;
                  const style = {
                    left:
                      (left - span.from) * PX_PER_MIN +
                      (dragging ? snap(drag.dx / PX_PER_MIN) * PX_PER_MIN : 0),
                    top: dragging ? snap(drag.dy / ROW_HEIGHT, 1) * ROW_HEIGHT + 6 : 6,
                    width: w * PX_PER_MIN - 2,
                  };
                  return (
                    <div
                      key={a.id}
                      className={`block load-${a.loadType}${dragging ? ' dragging' : ''}`}
                      style={style}
                      role="gridcell"
                      tabIndex={0}
                      data-appointment-id={a.id}
                      data-reference={a.reference}
                      aria-label={`${a.reference}, ${a.carrierName}, ${clock(a.startAt, timeZone)}–${clock(a.endAt, timeZone)}`}
                      onPointerDown={(e) => onPointerDown(e, a, rowOf.get(a.doorId) ?? row)}
                      onPointerMove={onPointerMove}
                      onPointerUp={() => onPointerUp(a)}
                      onPointerCancel={() => setDrag(null)}
                      onKeyDown={(e) => onBlockKey(e, a, row)}
                    >
                      <span className="block-time">
                        {clock(a.startAt, timeZone)}–{clock(a.endAt, timeZone)}
                      </span>
                      <span className="block-title">{a.carrierName}</span>
                      <span className="block-ref">
                        {a.reference}
                        {a.pallets > 0 ? ` · ${a.pallets} pll` : ''}
                      </span>
                    </div>
                  );
                })}
                {nowMin !== null && nowMin >= span.from && nowMin <= span.to && (
                  <div className="now-line" style={{ left: (nowMin - span.from) * PX_PER_MIN }} aria-hidden />
                )}
              </div>
            </div>
          ))}
        </div>
      </div>
      <p className="muted small board-help">{t('dock.keyboardHelp')}</p>
    </div>
  );
}

function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
