/**
 * The day's optimisation as the screen knows it: running (from core's status, so a run started
 * elsewhere or before a reload shows too) with its latest progress, or not. While it runs the plan
 * is read-only — core refuses changes, because the result replaces the draft.
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { OptimizeProgress, OptimizeRun } from '@shared/contract';
import { useToast } from '../../app/toasts';
import { useCommandQuery, useEvent } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';

export interface OptimizeRunState {
  progress: OptimizeProgress | null;
  /** Shows a run this screen just started, before core's first progress report. */
  began(run: OptimizeRun): void;
}

export function useOptimizeRun(date: string): OptimizeRunState {
  const { t } = useI18n();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<OptimizeProgress | null>(null);
  const status = useCommandQuery('routes.optimizeStatus', { date }, { staleTime: 0 });

  useEffect(() => {
    setProgress(status.data ?? null);
  }, [status.data]);

  useEvent('routes.optimizeProgress', (p) => {
    if (p.date === date) setProgress(p);
  });
  useEvent('routes.optimizeDone', (d) => {
    if (d.date !== date) return;
    setProgress(null);
    if (d.plan) queryClient.setQueryData(['routes.getPlan', { date }], d.plan);
    void queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('routes.') });
    if (d.outcome === 'failed')
      toast({
        kind: 'error',
        title: t('routes.optimize.failed'),
        body:
          d.error?.reason === 'changed_meanwhile' ? t('routes.optimize.changedMeanwhile') : d.error?.message,
      });
    else
      toast({
        kind: 'success',
        title: t(d.outcome === 'cancelled' ? 'routes.optimize.cancelled' : 'routes.optimize.finished', {
          vehicles: d.plan?.summary.vehicles ?? 0,
          unassigned: d.plan?.summary.unassigned ?? 0,
        }),
      });
  });

  return {
    progress,
    began: (run) =>
      setProgress({
        runId: run.runId,
        date,
        phase: 'matrix',
        elapsedMs: 0,
        timeLimitSec: run.timeLimitSec,
        vehicles: 0,
        km: 0,
        cost: 0,
        unassigned: 0,
      }),
  };
}
