import { describe, expect, it } from 'vitest';
import { blockLabel, boardSpan, fitTail, hourMarks, MIN_PX_PER_MIN, pxPerMinute } from './board-geometry';

const door = (opens: string, closes: string) => {
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  return { opensAt: m(opens), closesAt: m(closes) };
};

describe('the working day the board shows', () => {
  it('runs from the earliest opening to the latest closing, in whole hours', () => {
    expect(boardSpan([door('05:30', '22:00'), door('07:00', '16:15')])).toEqual({
      from: 300,
      to: 1020 + 300,
    });
  });

  it('is not stretched to 24 hours by a door open round the clock', () => {
    // The demo site: most doors 04:00–23:00 at most, two open 00:00–24:00.
    const doors = [
      door('05:00', '22:00'),
      door('00:00', '24:00'),
      door('04:00', '23:00'),
      door('08:00', '18:00'),
    ];
    expect(boardSpan(doors)).toEqual({ from: 240, to: 1380 });
  });

  it('is the whole day when every door is open round the clock', () => {
    expect(boardSpan([door('00:00', '24:00')])).toEqual({ from: 0, to: 1440 });
  });

  it('widens to show any booking outside it, so nothing booked is off the board', () => {
    const doors = [door('06:00', '18:00'), door('00:00', '24:00')];
    expect(
      boardSpan(doors, [
        { left: 150, width: 60 },
        { left: 1290, width: 90 },
      ]),
    ).toEqual({ from: 120, to: 1380 });
  });

  it('has a sensible default with no doors', () => {
    expect(boardSpan([])).toEqual({ from: 360, to: 1320 });
  });
});

describe('scale and labels', () => {
  it('fits the day to the lane width, with a floor below which the board scrolls', () => {
    expect(pxPerMinute(1140, { from: 240, to: 1380 })).toBe(1);
    expect(pxPerMinute(300, { from: 0, to: 1440 })).toBe(MIN_PX_PER_MIN);
  });

  it('shows as much of a block as its width allows', () => {
    expect(blockLabel(160)).toBe('full');
    expect(blockLabel(60)).toBe('two');
    expect(blockLabel(30)).toBe('ref');
    expect(blockLabel(12)).toBe('none');
  });

  it('cuts a reference to its end, which tells bookings apart', () => {
    expect(fitTail('PO-48213', 100, 10)).toBe('PO-48213');
    expect(fitTail('PO-48213', 60, 10)).toBe('…48213');
    expect(fitTail('PO-48213', 15, 10)).toBe('');
  });

  it('labels every hour when there is room, every other hour when not', () => {
    expect(hourMarks({ from: 240, to: 480 }, 1)).toEqual([240, 300, 360, 420]);
    expect(hourMarks({ from: 300, to: 720 }, 0.5)).toEqual([360, 480, 600]);
  });
});
