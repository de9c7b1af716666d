import type { WedgeSettings } from '@shared/contract';
import { DEFAULT_WEDGE_CONFIG, type WedgeConfig } from '@shared/domain/gs1';

/** Until core has answered: a scanner that ends its scans with Enter, no prefix, no GS text. */
export const DEFAULT_WEDGE_SETTINGS: WedgeSettings = { prefix: '', gsPlaceholder: '', suffix: 'Enter' };

export const WEDGE_TEXT_MAX = 10;

export type WedgeFieldError = 'length' | 'clash' | 'control';

/** Field-level problems of the settings form, keyed by field; empty when they can be saved. */
export function validateWedgeSettings(
  s: WedgeSettings,
): Partial<Record<'prefix' | 'gsPlaceholder', WedgeFieldError>> {
  const errors: Partial<Record<'prefix' | 'gsPlaceholder', WedgeFieldError>> = {};
  // A wedge types printable keys; a control character here could never match what it types.
  const control = /[\u0000-\u001f\u007f]/;
  if (s.prefix.length > WEDGE_TEXT_MAX) errors.prefix = 'length';
  else if (control.test(s.prefix)) errors.prefix = 'control';
  if (s.gsPlaceholder.length > WEDGE_TEXT_MAX) errors.gsPlaceholder = 'length';
  else if (control.test(s.gsPlaceholder)) errors.gsPlaceholder = 'control';
  // The prefix is matched before GS is replaced: a placeholder inside it would split it.
  else if (s.gsPlaceholder !== '' && s.prefix.includes(s.gsPlaceholder)) errors.gsPlaceholder = 'clash';
  return errors;
}

/**
 * A single gap this long still belongs to a scan: USB and a busy page can delay one key of a
 * scan well past the shared 80 ms default, and a scan cut in two would print the wrong label.
 * Typing is still recognised quickly by its mean gap (see WedgeSession).
 */
export const WEDGE_MAX_GAP_MS = 150;

/** The detector's configuration: the shared defaults with a longer single-gap limit. */
export function toWedgeConfig(s: WedgeSettings): WedgeConfig {
  return {
    ...DEFAULT_WEDGE_CONFIG,
    maxGapMs: WEDGE_MAX_GAP_MS,
    suffixes: [s.suffix],
    prefix: s.prefix || undefined,
    gsPlaceholder: s.gsPlaceholder || undefined,
  };
}
