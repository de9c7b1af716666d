import { ApiError } from '../../../lib/api/client';
import type { Translate } from '../../../lib/i18n';

/** Why a settings or fleet change was not saved, and which field it is about (dotted path). */
export interface SaveError {
  message: string;
  field?: string;
}

interface ErrorDetails {
  field?: string;
  issues?: { path: string[]; message: string }[];
}

/**
 * Core names the field either itself (`details.field`, e.g. `tileUrl`) or through the schema
 * issue path (`['depot', 'lat']` → `depot.lat`). Refusals core does not explain field by field
 * keep its message; `forbidden` and `not_found` get the operator's language.
 */
export function describeSaveError(err: unknown, t: Translate): SaveError {
  if (!(err instanceof ApiError)) return { message: err instanceof Error ? err.message : String(err) };
  const details = (err.details ?? {}) as ErrorDetails;
  const issue = details.issues?.[0];
  const field = details.field ?? (issue && issue.path.length > 0 ? issue.path.join('.') : undefined);
  if (err.code === 'forbidden') return { message: t('rs.error.forbidden') };
  if (err.code === 'not_found') return { message: t('rs.error.notFound') };
  if (err.code === 'conflict' && field === 'name') return { message: t('rs.error.nameTaken'), field };
  // A schema issue's own text reads better next to its field than core's "path: text" summary.
  return { message: issue && !details.field ? issue.message : err.message, field };
}

/** The error to show beside the field `name` (or one of its parts), if it is about that field. */
export function fieldError(error: SaveError | null, name: string): string | undefined {
  if (!error?.field) return undefined;
  return error.field === name || error.field.startsWith(`${name}.`) ? error.message : undefined;
}
