import type { MessageKey } from '../../../lib/i18n/en';
import type { Translate } from '../../../lib/i18n';

/** Core names templates and their fields in English; these are the operator's words for them. */
const TEMPLATE: Readonly<Record<string, MessageKey>> = {
  shipping: 'tpl.shipping',
  'sscc-pallet': 'tpl.sscc-pallet',
  'gate-pass': 'tpl.gate-pass',
  door: 'tpl.door',
  location: 'tpl.location',
};

const FIELD: Readonly<Record<string, MessageKey>> = {
  doorName: 'field.doorName',
  site: 'field.site',
  barcode: 'field.barcode',
  appointmentRef: 'field.appointmentRef',
  carrier: 'field.carrier',
  door: 'field.door',
  window: 'field.window',
  driver: 'field.driver',
  truckPlate: 'field.truckPlate',
  qrPayload: 'field.qrPayload',
  location: 'field.location',
  zone: 'field.zone',
  shipFromName: 'field.shipFromName',
  shipFromAddress: 'field.shipFromAddress',
  shipToName: 'field.shipToName',
  shipToAddress: 'field.shipToAddress',
  service: 'field.service',
  trackingNumber: 'field.trackingNumber',
  orderRef: 'field.orderRef',
  weight: 'field.weight',
  packageOf: 'field.packageOf',
  companyName: 'field.companyName',
  sscc: 'field.sscc',
  content: 'field.content',
  count: 'field.count',
  batch: 'field.batch',
  bestBefore: 'field.bestBefore',
  shipTo: 'field.shipTo',
  description: 'field.description',
};

export function templateName(id: string, fallback: string, t: Translate): string {
  const key = TEMPLATE[id];
  return key ? t(key) : fallback.charAt(0).toUpperCase() + fallback.slice(1);
}

export function fieldLabel(key: string, fallback: string, t: Translate): string {
  const known = FIELD[key];
  return known ? t(known) : fallback;
}
