import type { Translate } from '../../lib/i18n';
import { refusalText } from '../../lib/input-issues';

/** A refused fleet change in the operator's words (core's text when there is no better). */
export function errorText(err: unknown, t: Translate): string {
  return refusalText(err, t) ?? (err instanceof Error ? err.message : t('fleet.error.generic'));
}
