import { useState, type ReactNode } from 'react';
import { BAUD_RATES } from '@shared/contract';
import { useToast } from '../../app/toasts';
import { ApiError } from '../../lib/api/client';
import { useI18n } from '../../lib/i18n';
import { reasonText } from '../../lib/input-issues';
import type { Tone } from './printers/printer-condition';

/** A coloured state pill; the text always says the state, colour only repeats it. */
export function Pill({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <span className={`pill pill-${tone}`} data-testid={testId} data-tone={tone}>
      {children}
    </span>
  );
}

export function errorText(err: unknown): string {
  return err instanceof ApiError || err instanceof Error ? err.message : String(err);
}

/**
 * A dialog form's save step: busy while it runs; a refusal becomes the problem text shown in the
 * dialog (after `onRefused` has had a look at it, e.g. to mark the boxes core named). The box
 * sits at the foot of the form, so a schema issue keeps core's text, which names the field.
 */
export function useSave() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function save(work: () => Promise<void>, onRefused?: (err: unknown) => void) {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (err) {
      onRefused?.(err);
      setProblem(reasonText(err, t) ?? errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return { busy, problem, setProblem, save };
}

/** The refusal box at the foot of a dialog form. */
export function ProblemBox({ title, problem }: { title: string; problem: string | null }) {
  if (!problem) return null;
  return (
    <div className="refusal" role="alert">
      <strong>{title}</strong>
      <p>{problem}</p>
    </div>
  );
}

/**
 * Runs a device command: a refusal becomes an error toast that stays (the operator may have
 * looked away), a success an optional short confirmation. Resolves to null when refused.
 */
export function useRun() {
  const toast = useToast();
  return async function run<T>(
    work: () => Promise<T>,
    messages: { error: string; success?: (value: T) => string },
  ): Promise<T | null> {
    try {
      const value = await work();
      if (messages.success) toast({ kind: 'success', title: messages.success(value) });
      return value;
    } catch (err) {
      toast({ kind: 'error', title: messages.error, body: errorText(err) });
      return null;
    }
  };
}

/** A serial line's speed, picked from the rates the devices support. */
export function BaudRateField({ value, onChange }: { value: number; onChange(baudRate: number): void }) {
  const { t } = useI18n();
  return (
    <label>
      {t('printerForm.baud')}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {BAUD_RATES.map((b) => (
          <option key={b} value={b}>
            {b}
          </option>
        ))}
      </select>
    </label>
  );
}
