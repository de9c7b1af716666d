import { useLayoutEffect, useRef, useState } from 'react';
import type { Appointment, Door } from '@shared/contract';
import { clock, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { fitTail, type BlockLabel } from './board-geometry';

/** What a block shows inside itself: as much as its width allows (see `blockLabel`). */
export function BlockContent({
  appointment: a,
  label,
  widthPx,
  timeZone,
}: {
  appointment: Appointment;
  label: BlockLabel;
  /** The block's inner width, for fitting the reference. */
  widthPx: number;
  timeZone: string;
}) {
  const { t, locale } = useI18n();
  if (label === 'none') return null;
  // Bold digits are wider than the grey ones under a carrier.
  if (label === 'ref') return <span className="block-ref">{fitTail(a.reference, widthPx, 8)}</span>;
  return (
    <>
      {label === 'full' && (
        <span className="block-time">
          {clock(a.startAt, timeZone)}–{clock(a.endAt, timeZone)}
        </span>
      )}
      <span className="block-title">
        {a.seriesId && (
          <span className="series-mark" aria-label={t('series.marker')} title={t('series.marker')}>
            ↻{' '}
          </span>
        )}
        {a.carrierName}
      </span>
      <span className="block-ref">
        {label === 'full' ? a.reference : fitTail(a.reference, widthPx)}
        {label === 'full' && a.pallets > 0
          ? ` · ${t('dock.pallets', { count: formatNumber(a.pallets, locale) })}`
          : ''}
      </span>
    </>
  );
}

export interface TipTarget {
  appointment: Appointment;
  el: HTMLElement;
}

/**
 * Everything about the block under the pointer or with keyboard focus, in full: a short block
 * shows only part of its carrier and reference. One tooltip for the board, placed under the
 * block (above it near the bottom of the window), referenced by the block's aria-describedby.
 */
export function BlockTip({
  target,
  timeZone,
  doors,
}: {
  target: TipTarget;
  timeZone: string;
  doors: Door[];
}) {
  const { t, locale } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const a = target.appointment;
  useLayoutEffect(() => {
    const box = target.el.getBoundingClientRect();
    const tip = ref.current?.getBoundingClientRect();
    const h = tip?.height ?? 80;
    const w = tip?.width ?? 240;
    const below = box.bottom + 6 + h <= window.innerHeight;
    setPos({
      left: Math.max(8, Math.min(box.left, window.innerWidth - w - 8)),
      top: below ? box.bottom + 6 : box.top - h - 6,
    });
  }, [target]);
  const door = doors.find((d) => d.id === a.doorId)?.name ?? '';
  return (
    <div
      ref={ref}
      id="board-tip"
      role="tooltip"
      className="board-tip"
      data-testid="board-tip"
      style={pos ? { left: pos.left, top: pos.top } : { visibility: 'hidden', left: 0, top: 0 }}
    >
      <strong>{a.carrierName}</strong>
      <span>{a.reference}</span>
      {a.seriesId && <span className="muted">↻ {t('series.marker')}</span>}
      <span className="muted">
        {clock(a.startAt, timeZone)}–{clock(a.endAt, timeZone)} · {door}
      </span>
      <span className="muted">
        {t(`load.${a.loadType}`)}
        {a.pallets > 0 ? ` · ${t('dock.pallets', { count: formatNumber(a.pallets, locale) })}` : ''}
      </span>
      {a.notes && <span className="muted board-tip-notes">{a.notes}</span>}
    </div>
  );
}
