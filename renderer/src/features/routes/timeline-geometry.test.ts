import { describe, expect, it } from 'vitest';
import { atMinuteOfDay } from '@shared/domain/time';
import {
  dropIndex,
  floorToZoneHour,
  makeAxis,
  segmentsOf,
  xOf,
  type TimelineStep,
} from './timeline-geometry';

const M = 60_000;
const T0 = Date.UTC(2026, 11, 2, 7, 0); // 08:00 in Stockholm (UTC+1 in winter)

describe('segmentsOf', () => {
  it('cuts a route into driving, waiting, service and break pieces', () => {
    const steps: TimelineStep[] = [
      { kind: 'start', arrival: T0, waitingMs: 0, serviceMs: 0 },
      { kind: 'stop', stopId: 'a', arrival: T0 + 20 * M, waitingMs: 10 * M, serviceMs: 15 * M },
      { kind: 'break', arrival: T0 + 45 * M, waitingMs: 0, serviceMs: 30 * M },
      { kind: 'stop', stopId: 'b', arrival: T0 + 90 * M, waitingMs: 0, serviceMs: 5 * M },
      { kind: 'end', arrival: T0 + 120 * M, waitingMs: 0, serviceMs: 0 },
    ];
    expect(segmentsOf(steps)).toEqual([
      { kind: 'drive', from: T0, to: T0 + 20 * M },
      { kind: 'wait', from: T0 + 20 * M, to: T0 + 30 * M, stopId: 'a' },
      { kind: 'service', from: T0 + 30 * M, to: T0 + 45 * M, stopId: 'a' },
      { kind: 'break', from: T0 + 45 * M, to: T0 + 75 * M, stopId: undefined },
      { kind: 'drive', from: T0 + 75 * M, to: T0 + 90 * M },
      { kind: 'service', from: T0 + 90 * M, to: T0 + 95 * M, stopId: 'b' },
      { kind: 'drive', from: T0 + 95 * M, to: T0 + 120 * M },
    ]);
  });

  it('keeps a zero-service stop as a (zero-width) service piece so it can be drawn and dragged', () => {
    const segs = segmentsOf([
      { kind: 'start', arrival: T0, waitingMs: 0, serviceMs: 0 },
      { kind: 'stop', stopId: 'x', arrival: T0 + M, waitingMs: 0, serviceMs: 0 },
    ]);
    expect(segs.filter((s) => s.kind === 'service')).toEqual([
      { kind: 'service', from: T0 + M, to: T0 + M, stopId: 'x' },
    ]);
  });
});

describe('axis', () => {
  it('rounds to whole hours in the site zone and ticks every hour', () => {
    const axis = makeAxis([T0 + 17 * M, T0 + 5 * 60 * M + 1], 'Europe/Stockholm', 2, { from: 0, to: 0 });
    expect(axis.from).toBe(T0);
    expect(axis.to).toBe(T0 + 6 * 60 * M);
    expect(axis.ticks).toHaveLength(7);
    expect(axis.width).toBe(6 * 60 * 2);
    expect(xOf(axis, T0 + 30 * M)).toBe(60);
  });

  it('follows a half-hour zone: hours start at :30 UTC in Kolkata', () => {
    const t = Date.UTC(2026, 11, 2, 4, 50); // 10:20 IST
    expect(floorToZoneHour(t, 'Asia/Kolkata')).toBe(Date.UTC(2026, 11, 2, 4, 30));
  });

  it('spans the DST change day with whole local hours', () => {
    const from = atMinuteOfDay('2026-03-29', 60, 'Europe/Stockholm'); // 01:00, clocks go 02→03
    const axis = makeAxis([from, from + 3 * 60 * M], 'Europe/Stockholm', 1, { from: 0, to: 0 });
    expect(axis.ticks[0]).toBe(from);
    expect(axis.ticks[1]).toBe(atMinuteOfDay('2026-03-29', 3 * 60, 'Europe/Stockholm'));
  });

  it('shows the fallback span, at least minHours long, when there is nothing to show', () => {
    const axis = makeAxis([], 'UTC', 1, { from: T0, to: T0 + M }, 4);
    expect(axis.from).toBe(T0);
    expect(axis.to - axis.from).toBe(4 * 60 * M);
  });
});

describe('dropIndex', () => {
  it('counts the stops left of the drop point', () => {
    expect(dropIndex([10, 50, 90], 0)).toBe(0);
    expect(dropIndex([10, 50, 90], 60)).toBe(2);
    expect(dropIndex([10, 50, 90], 500)).toBe(3);
    expect(dropIndex([], 5)).toBe(0);
  });
});
