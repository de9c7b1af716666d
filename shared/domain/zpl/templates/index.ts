import { doorLabel } from './door-label';
import { gatePass } from './gate-pass';
import { locationLabel } from './location-label';
import { shippingLabel } from './shipping-label';
import { ssccPalletLabel } from './sscc-pallet-label';
import type { LabelTemplate } from './template';

export { doorLabel, gatePass, locationLabel, shippingLabel, ssccPalletLabel };
export * from './template';

/** Every label template, by id: the list the Devices page offers and print jobs name. */
export const LABEL_TEMPLATES: ReadonlyArray<LabelTemplate> = [
  shippingLabel,
  ssccPalletLabel,
  gatePass,
  doorLabel,
  locationLabel,
];

export function findTemplate(id: string): LabelTemplate | undefined {
  return LABEL_TEMPLATES.find((t) => t.id === id);
}
