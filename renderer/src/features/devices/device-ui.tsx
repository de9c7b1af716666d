import type { ReactNode } from 'react';
import { useToast } from '../../app/toasts';
import { ApiError } from '../../lib/api/client';
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
