import { AppError } from '@shared/contract/errors';
import { isoDate } from '@shared/domain/time';
import { shippingLabel } from '@shared/domain/zpl';
import type { OrdersForLabels } from '../../routing/port';
import type { Site } from '../../site';

/**
 * Shipping-label fields for a route order (ship-from = the site and the depot address of the
 * route settings), or null when the site has no such order. Field data stays raw: the template
 * escapes it. Missing addresses are refused with what to fix, rather than printed blank.
 */
export async function orderShippingFields(
  orders: OrdersForLabels,
  site: Site,
  reference: string,
  now: number,
): Promise<Record<string, string> | null> {
  const ref = reference.trim();
  if (ref === '' || ref.length > 60) return null;
  const order = await orders.orderForLabel(ref, isoDate(now, site.timeZone));
  if (!order) return null;
  const max = (key: string) => shippingLabel.fields.find((f) => f.key === key)!.maxLength;
  if (order.reference.length > max('trackingNumber'))
    throw new AppError(
      'invalid_input',
      `Order ${order.reference.slice(0, 40)}…: a reference longer than ${max('trackingNumber')} characters does not fit the shipping label's barcode.`,
      { reason: 'order_reference_too_long', code: order.reference.slice(0, 40) },
    );
  if (!order.address.trim())
    throw new AppError(
      'invalid_input',
      `Order ${order.reference} has no delivery address. Add it to the order, then scan again.`,
      { reason: 'order_no_address', code: order.reference },
    );
  const depotAddress = await orders.depotAddress();
  if (!depotAddress.trim())
    throw new AppError(
      'conflict',
      'A shipping label needs a ship-from address: set the depot address in the route planning settings.',
      { reason: 'no_depot_address', code: order.reference },
    );
  const demand = order.demand;
  const fields: Record<string, string> = {
    shipFromName: fit(site.name, max('shipFromName')),
    shipFromAddress: addressLines(depotAddress),
    shipToName: fit(order.customer, max('shipToName')),
    shipToAddress: addressLines(order.address),
    carrier: 'Own fleet',
    service: `${order.kind === 'pickup' ? 'Pickup' : 'Delivery'} ${order.date}`,
    trackingNumber: order.reference,
    orderRef: order.reference,
  };
  if (demand.kg) fields.weight = `${formatAmount(demand.kg)} kg`;
  if (demand.pallets)
    fields.packageOf = `${formatAmount(demand.pallets)} ${demand.pallets === 1 ? 'pallet' : 'pallets'}`;
  return fields;
}

/** "Storgatan 1, 553 16 Jönköping" → one line per part, as the label lays addresses out. */
function addressLines(address: string): string {
  return address
    .split(/\s*[,\n]\s*/)
    .filter(Boolean)
    .join('\n')
    .slice(0, 200);
}

/** Long names are cut with an ellipsis rather than refused: the label must still print. */
function fit(text: string, max: number): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function formatAmount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
