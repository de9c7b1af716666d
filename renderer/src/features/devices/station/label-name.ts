import type { StationScanResult } from '@shared/contract';
import type { MessageKey } from '../../../lib/i18n/en';
import type { Translate } from '../../../lib/i18n';

const KIND: Readonly<Record<string, MessageKey>> = {
  'sscc-pallet': 'label.pallet',
  'gate-pass': 'label.gatePass',
  shipping: 'label.shipping',
};
/** Core titles a station label "<kind> <subject>" in English (`Pallet 0073…`, `Gate pass APT-…`). */
const ENGLISH_KIND = /^(?:Pallet|Gate pass|Shipping)\s+/;

/** The printed label's name in the operator's language, e.g. "Pall 0073…" in Swedish. */
export function stationLabelName(printed: NonNullable<StationScanResult['printed']>, t: Translate): string {
  const key = KIND[printed.template];
  if (!key || !ENGLISH_KIND.test(printed.title)) return printed.title;
  return t(key, { subject: printed.title.replace(ENGLISH_KIND, '') });
}
