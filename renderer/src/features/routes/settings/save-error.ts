import { ApiError } from '../../../lib/api/client';
import type { Translate } from '../../../lib/i18n';
import { refusalField, refusalText } from '../../../lib/input-issues';

/** Why a settings or fleet change was not saved, and which field it is about (dotted path). */
export interface SaveError {
  message: string;
  field?: string;
}

/**
 * Core names the field either itself (`details.field`, e.g. `tileUrl`) or through the schema
 * issue path (`['depot', 'lat']` → `depot.lat`), and its reason is worded in the operator's
 * language; `forbidden` and `not_found` get theirs too.
 */
export function describeSaveError(err: unknown, t: Translate): SaveError {
  if (!(err instanceof ApiError)) return { message: err instanceof Error ? err.message : String(err) };
  const field = refusalField(err);
  if (err.code === 'forbidden') return { message: t('rs.error.forbidden') };
  if (err.code === 'not_found') return { message: t('rs.error.notFound') };
  if (err.code === 'conflict' && field === 'name') return { message: t('rs.error.nameTaken'), field };
  return { message: refusalText(err, t) ?? err.message, field };
}

/** The error to show beside the field `name` (or one of its parts), if it is about that field. */
export function fieldError(error: SaveError | null, name: string): string | undefined {
  if (!error?.field) return undefined;
  return error.field === name || error.field.startsWith(`${name}.`) ? error.message : undefined;
}
