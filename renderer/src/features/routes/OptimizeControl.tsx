import { useEffect, useRef, useState } from 'react';
import { useToast } from '../../app/toasts';
import { useApi } from '../../lib/api/hooks';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { OptimizeRunState } from './use-optimize-run';

const LIMITS = [2, 5, 10, 30, 60, 120];

interface Props {
  date: string;
  run: OptimizeRunState;
  hasOrders: boolean;
  hasVehicles: boolean;
  hasLocked: boolean;
  defaultLimit: number;
}

/** Starts a solve for the day, shows the best plan so far while it runs, and cancels it. */
export function OptimizeControl({ date, run, hasOrders, hasVehicles, hasLocked, defaultLimit }: Props) {
  const { t, locale } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [limit, setLimit] = useState(defaultLimit);
  const [starting, setStarting] = useState(false);
  const { progress } = run;
  // Core reports when the best plan improves; the clock ticks here so a quiet search still shows life.
  const startedAt = useRef<{ runId: string; at: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!progress) return;
    if (startedAt.current?.runId !== progress.runId)
      startedAt.current = { runId: progress.runId, at: Date.now() - progress.elapsedMs };
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [progress]);

  async function start(keepLocked: boolean) {
    setStarting(true);
    try {
      run.began(await api.call('routes.optimize', { date, timeLimitSec: limit, keepLocked }));
    } catch (err) {
      toast({
        kind: 'error',
        title: t('routes.optimize.failed'),
        body: err instanceof Error ? err.message : '',
      });
    } finally {
      setStarting(false);
    }
  }

  async function cancel() {
    if (!progress) return;
    try {
      await api.call('routes.cancelOptimize', { runId: progress.runId });
    } catch (err) {
      toast({
        kind: 'error',
        title: t('routes.optimize.cancelFailed'),
        body: err instanceof Error ? err.message : '',
      });
    }
  }

  if (progress) {
    const elapsed = Math.max(progress.elapsedMs, startedAt.current ? now - startedAt.current.at : 0);
    const limitMs = progress.timeLimitSec * 1000;
    const pct = Math.min(100, (elapsed / limitMs) * 100);
    return (
      <div className="optimize running" role="status" data-testid="optimize-progress">
        <div className="progress" aria-hidden>
          <span style={{ width: `${pct}%` }} />
        </div>
        <span className="small">
          {t(`routes.phase.${progress.phase}`)} ·{' '}
          {t('routes.optimize.elapsed', {
            seconds: Math.min(progress.timeLimitSec, Math.round(elapsed / 1000)),
            limit: progress.timeLimitSec,
          })}
          {progress.phase !== 'matrix' &&
            ` · ${t('routes.optimize.best', {
              vehicles: progress.vehicles,
              km: formatNumber(progress.km, locale),
              unassigned: progress.unassigned,
            })}`}
        </span>
        <button type="button" onClick={() => void cancel()}>
          {t('routes.optimize.cancel')}
        </button>
      </div>
    );
  }

  const limits = LIMITS.includes(limit) ? LIMITS : [...LIMITS, limit].sort((a, b) => a - b);
  const blocked = !hasOrders || !hasVehicles;
  return (
    <div className="optimize">
      <label className="inline">
        <span className="small muted">{t('routes.optimize.limit')}</span>
        <select data-testid="time-limit" value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
          {limits.map((s) => (
            <option key={s} value={s}>
              {t('routes.seconds', { count: s })}
            </option>
          ))}
        </select>
      </label>
      {hasLocked && (
        <button type="button" disabled={blocked || starting} onClick={() => void start(true)}>
          {t('routes.optimize.rest')}
        </button>
      )}
      <button
        type="button"
        className="primary"
        disabled={blocked || starting}
        title={
          !hasVehicles
            ? t('routes.optimize.noVehicles')
            : !hasOrders
              ? t('routes.optimize.noOrders')
              : undefined
        }
        onClick={() => void start(false)}
      >
        {t('routes.optimize.start')}
      </button>
    </div>
  );
}
