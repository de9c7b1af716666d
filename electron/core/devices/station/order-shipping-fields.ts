import { AppError } from '../../../../shared/contract/errors';
import { isoDate } from '../../../../shared/domain/time';
import { shippingLabel } from '../../../../shared/domain/zpl';
import type { Readable } from '../../db/connection';
import { readSettings } from '../../routing/planning/settings';
import type { Site } from '../../site';

interface OrderRow {
  reference: string;
  date: string;
  customer: string;
  address: string;
  kind: 'delivery' | 'pickup';
  demand: string;
}

/**
 * The route order a scanned reference means: references are unique per site and day, so the
 * same one may recur on other days. Today's wins, then the nearest coming day, then the latest past.
 */
async function findOrder(db: Readable, site: Site, reference: string, today: string) {
  return db.get<OrderRow>(
    `SELECT reference, date, customer, address, kind, demand FROM route_orders
     WHERE site_id = $site AND reference = $ref COLLATE NOCASE
     ORDER BY date = $today DESC, date > $today DESC,
              CASE WHEN date > $today THEN date END ASC, date DESC
     LIMIT 1`,
    { $site: site.id, $ref: reference, $today: today },
  );
}

/**
 * Shipping-label fields for a route order (ship-from = the site and the depot address of the
 * route settings), or null when the site has no such order. Field data stays raw: the template
 * escapes it. Missing addresses are refused with what to fix, rather than printed blank.
 */
export async function orderShippingFields(
  db: Readable,
  site: Site,
  reference: string,
  now: number,
): Promise<Record<string, string> | null> {
  const ref = reference.trim();
  if (ref === '' || ref.length > 60) return null;
  const order = await findOrder(db, site, ref, isoDate(now, site.timeZone));
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
  const { depot } = await readSettings(db);
  if (!depot.address.trim())
    throw new AppError(
      'conflict',
      'A shipping label needs a ship-from address: set the depot address in the route planning settings.',
      { reason: 'no_depot_address', code: order.reference },
    );
  const demand = parseDemand(order.demand);
  const fields: Record<string, string> = {
    shipFromName: fit(site.name, max('shipFromName')),
    shipFromAddress: addressLines(depot.address),
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

function parseDemand(json: string): Record<string, number> {
  try {
    const v = JSON.parse(json) as unknown;
    if (!v || typeof v !== 'object') return {};
    return Object.fromEntries(
      Object.entries(v).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0),
    );
  } catch {
    return {};
  }
}

function formatAmount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
