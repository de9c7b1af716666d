import {
  STATION_REFUSALS,
  type StationRefusal,
  type StationRefusalValues,
} from '@shared/contract/devices-types';
import { AppError } from '@shared/contract/errors';
import type { ScanEvent } from '@shared/domain/gs1';
import { findTemplate, type LabelSetup } from '@shared/domain/zpl';

/** What a station prints for a scan; the data lookups come from the lead's services. */
export interface StationContext {
  setup: LabelSetup;
  companyName: string;
  /** Gate-pass fields for an appointment reference, or null when unknown. */
  appointment(reference: string): Promise<Record<string, string> | null>;
  /** Shipping-label fields for an order reference, or null when unknown; throws AppError to refuse. */
  order(reference: string): Promise<Record<string, string> | null>;
}

export type StationResult =
  | { ok: true; template: string; title: string; zpl: string }
  | { ok: false; message: string; reason: StationRefusal; values: StationRefusalValues };

/** Refusal for a code; `values` are what the operator's-language phrase needs. */
function no(reason: StationRefusal, message: string, values: StationRefusalValues = {}): StationResult {
  return { ok: false, message, reason, values };
}

const APPOINTMENT = /^(?:loadstar:appointment:)?(APT-[\w-]+)$/i;

/**
 * Decides which label a scan prints at a scan-to-print station: an SSCC (AI 00) reprints the
 * pallet label, a GS1 customer order number (AI 400, or consignment AI 401) prints that order's
 * shipping label, an appointment code prints the gate pass, any other plain code is tried as an
 * order reference.
 * Never throws for bad scans: the message is shown large on the station screen.
 */
export async function labelForScan(scan: ScanEvent, ctx: StationContext): Promise<StationResult> {
  if (scan.gs1Error) return no('invalid_barcode', `This barcode is not valid GS1: ${scan.gs1Error}`);
  const sscc = scan.ais?.find((e) => e.ai === '00')?.value;
  try {
    if (sscc) {
      const t = findTemplate('sscc-pallet')!;
      const fields: Record<string, string> = { companyName: ctx.companyName, sscc };
      for (const e of scan.ais ?? []) {
        if (e.ai === '02') fields.content = e.value;
        if (e.ai === '37') fields.count = e.value;
        if (e.ai === '10') fields.batch = e.value;
        if (e.ai === '15') fields.bestBefore = e.value;
      }
      return { ok: true, template: t.id, title: `Pallet ${sscc}`, zpl: t.render(fields, ctx.setup) };
    }
    if (scan.ais) {
      const orderAi = scan.ais.find((e) => e.ai === '400' || e.ai === '401');
      const data = orderAi ? await ctx.order(orderAi.value) : null;
      if (orderAi && data) return shipping(orderAi.value, data, ctx);
      // Digits without an AIM identifier may be a plain numeric order reference that merely parses as GS1.
      if (scan.aim || !/^\d+$/.test(scan.raw.trim()))
        return orderAi
          ? no(
              'order_not_found',
              `Nothing to print: no order ${orderAi.value.slice(0, 40)} (AI ${orderAi.ai}) at this site. Check the order reference.`,
              { code: orderAi.value.slice(0, 40), ai: orderAi.ai },
            )
          : no(
              'gs1_nothing_to_print',
              'Nothing to print: this GS1 barcode has no SSCC (AI 00) or order number (AI 400/401).',
            );
    }
    const appt = APPOINTMENT.exec(scan.raw.trim())?.[1];
    if (appt) {
      const data = await ctx.appointment(appt);
      if (!data)
        return no('appointment_not_found', `No appointment ${appt} found. Check the booking.`, {
          code: appt,
        });
      return {
        ok: true,
        template: 'gate-pass',
        title: `Gate pass ${appt}`,
        zpl: findTemplate('gate-pass')!.render(data, ctx.setup),
      };
    }
    const order = await ctx.order(scan.raw.trim());
    if (!order)
      return no(
        'unknown_code',
        `Nothing to print for "${scan.raw.slice(0, 40)}": not an SSCC, appointment or known order.`,
        { code: scan.raw.slice(0, 40) },
      );
    return shipping(scan.raw.trim(), order, ctx);
  } catch (err) {
    // The order lookup refuses with an AppError whose details name the refusal.
    const d =
      err instanceof AppError ? (err.details as { reason?: unknown; code?: unknown } | undefined) : undefined;
    const reason = STATION_REFUSALS.find((r) => r === d?.reason) ?? 'unknown_code';
    const code = typeof d?.code === 'string' ? d.code : scan.raw.trim().slice(0, 40);
    return no(reason, (err as Error).message, { code });
  }
}

function shipping(reference: string, fields: Record<string, string>, ctx: StationContext): StationResult {
  return {
    ok: true,
    template: 'shipping',
    title: `Shipping ${fields.orderRef ?? reference}`,
    zpl: findTemplate('shipping')!.render(fields, ctx.setup),
  };
}
