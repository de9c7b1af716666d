/**
 * The plan being edited: every edit becomes a new draft that core evaluates at once (the screen
 * shows whatever it says, violations included), kept in an undo/redo history. Plans that arrive
 * from elsewhere (an optimisation, a loaded version, another dispatcher) are history steps too,
 * so "undo" after an optimisation brings the previous routes back. While the day is being
 * optimised (`frozen`) nothing is edited: the result will replace the draft.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Plan, Vehicle } from '@shared/contract';
import { useToast } from '../../app/toasts';
import { ApiError } from '../../lib/api/client';
import { useApi } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import {
  applyEdit,
  record,
  redo,
  startHistory,
  undo,
  type Draft,
  type Edit,
  type History,
} from './plan-edit';
import { draftOf, routeInputs, sameRoutes } from './plan-draft';

interface State {
  date: string;
  h: History;
}

export interface PlanEditor {
  apply(edit: Edit): void;
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
  busy: boolean;
}

/** Adds an empty row for every vehicle of the day the draft does not have yet. */
function withVehicles(d: Draft, vehicles: readonly Vehicle[]): Draft {
  const have = new Set(d.routes.map((r) => r.vehicleId));
  const missing = vehicles.filter((v) => !have.has(v.id));
  if (!missing.length) return d;
  return {
    ...d,
    routes: [
      ...d.routes,
      ...missing.map((v) => ({ vehicleId: v.id, driverId: null, locked: false, lockedStops: 0, stops: [] })),
    ],
  };
}

export function usePlanEditor(
  date: string,
  plan: Plan | undefined,
  vehicles: readonly Vehicle[],
  frozen = false,
): PlanEditor {
  const api = useApi();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { t } = useI18n();
  const [state, setState] = useState<State | null>(null);
  const [busy, setBusy] = useState(0);
  const pending = useRef(0);
  const revision = useRef(plan?.revision ?? 0);

  useEffect(() => {
    if (!plan) return;
    revision.current = plan.revision;
    const incoming = draftOf(plan, vehicles);
    setState((cur) => {
      if (!cur || cur.date !== plan.date) return { date: plan.date, h: startHistory(incoming) };
      // Our own edit coming back (or a refetch while one is in flight): not a new step.
      if (pending.current > 0) return cur;
      if (sameRoutes(cur.h.present, incoming)) return { ...cur, h: { ...cur.h, present: incoming } };
      return { ...cur, h: record(cur.h, incoming) };
    });
  }, [plan, vehicles]);

  // Edits go to core one after another, each on the revision the previous one produced.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const send = useCallback(
    (next: Draft, rollback: History) => {
      pending.current++;
      setBusy((n) => n + 1);
      const run = async () => {
        try {
          const updated = await api.call('routes.updatePlan', {
            date,
            baseRevision: revision.current,
            routes: routeInputs(next),
          });
          revision.current = updated.revision;
          queryClient.setQueryData(['routes.getPlan', { date }], updated);
          // Core's reading of the draft is the one kept (it may normalise locks or drop a deleted order).
          if (pending.current === 1)
            setState((cur) =>
              cur && cur.date === date
                ? { ...cur, h: { ...cur.h, present: draftOf(updated, vehicles) } }
                : cur,
            );
        } catch (err) {
          setState((cur) => (cur && cur.date === date ? { ...cur, h: rollback } : cur));
          const conflict = err instanceof ApiError && err.code === 'conflict';
          toast({
            kind: 'error',
            title: t(conflict ? 'routes.edit.conflict' : 'routes.edit.failed'),
            body: conflict ? undefined : err instanceof Error ? err.message : String(err),
          });
          void queryClient.invalidateQueries({ queryKey: ['routes.getPlan', { date }] });
        } finally {
          pending.current--;
          setBusy((n) => n - 1);
        }
      };
      queue.current = queue.current.then(run);
    },
    [api, date, queryClient, t, toast, vehicles],
  );

  const current = state && state.date === date ? state.h : null;

  const refuseWhileFrozen = useCallback(() => {
    if (frozen) toast({ kind: 'error', title: t('routes.optimize.frozen') });
    return frozen;
  }, [frozen, t, toast]);

  const apply = useCallback(
    (edit: Edit) => {
      if (!current || refuseWhileFrozen()) return;
      const result = applyEdit(withVehicles(current.present, vehicles), edit);
      if (!result.ok) {
        if (result.reason === 'locked') toast({ kind: 'error', title: t('routes.edit.locked') });
        return;
      }
      const h = record(current, result.draft);
      setState({ date, h });
      send(result.draft, current);
    },
    [current, date, refuseWhileFrozen, send, t, toast, vehicles],
  );

  const step = useCallback(
    (move: (h: History) => History) => {
      if (!current || refuseWhileFrozen()) return;
      const h = move(current);
      if (h === current) return;
      setState({ date, h });
      send(h.present, current);
    },
    [current, date, refuseWhileFrozen, send],
  );

  const undoEdit = useCallback(() => step(undo), [step]);
  const redoEdit = useCallback(() => step(redo), [step]);

  // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y anywhere on the screen except while typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (!(e.ctrlKey || e.metaKey) || /INPUT|SELECT|TEXTAREA/.test(target.tagName)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        undoEdit();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        redoEdit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undoEdit, redoEdit]);

  return {
    apply,
    undo: undoEdit,
    redo: redoEdit,
    canUndo: !frozen && (current?.past.length ?? 0) > 0,
    canRedo: !frozen && (current?.future.length ?? 0) > 0,
    busy: busy > 0,
  };
}
