/** An import row's problem in the operator's language, from core's code and the offending value. */
import type { ImportErrorCode, ImportRowError } from '@shared/contract';
import type { MessageKey } from '../../lib/i18n/en';
import type { Translate } from '../../lib/i18n';

const KEYS: Record<ImportErrorCode, MessageKey> = {
  missing_reference: 'routes.importError.missing_reference',
  too_long: 'routes.importError.too_long',
  not_a_number: 'routes.importError.not_a_number',
  out_of_range: 'routes.importError.out_of_range',
  partial_coordinates: 'routes.importError.partial_coordinates',
  null_island: 'routes.importError.null_island',
  unknown_coordinates: 'routes.importError.unknown_coordinates',
  bad_kind: 'routes.importError.bad_kind',
  bad_time: 'routes.importError.bad_time',
  window_order: 'routes.importError.window_order',
  undeclared_dimension: 'routes.importError.undeclared_dimension',
  bad_demand: 'routes.importError.bad_demand',
  duplicate_in_file: 'routes.importError.duplicate_in_file',
  already_exists: 'routes.importError.already_exists',
  pair_missing: 'routes.importError.pair_missing',
  pair_same_kind: 'routes.importError.pair_same_kind',
  pair_conflict: 'routes.importError.pair_conflict',
};

/** The messages that quote the cell: without the value core's own sentence says more. */
const NEEDS_VALUE = new Set<ImportErrorCode>([
  'not_a_number',
  'out_of_range',
  'bad_kind',
  'bad_time',
  'window_order',
  'undeclared_dimension',
  'bad_demand',
  'duplicate_in_file',
  'already_exists',
  'pair_missing',
  'pair_conflict',
]);

export function importErrorText(e: ImportRowError, t: Translate): string {
  if (!e.code || (NEEDS_VALUE.has(e.code) && e.value === undefined)) return e.message;
  return t(KEYS[e.code], { value: e.value ?? '', column: e.column ?? '' });
}
