import type { ScanEvent } from '../../../../shared/domain/gs1';
import { findTemplate, type LabelSetup } from '../../../../shared/domain/zpl';

/** What a station prints for a scan; the data lookups come from the lead's services. */
export interface StationContext {
  setup: LabelSetup;
  companyName: string;
  /** Gate-pass fields for an appointment reference, or null when unknown. */
  appointment(reference: string): Promise<Record<string, string> | null>;
  /** Shipping-label fields for an order number, or null when unknown. */
  order(reference: string): Promise<Record<string, string> | null>;
}

export type StationResult =
  { ok: true; template: string; title: string; zpl: string } | { ok: false; message: string };

const APPOINTMENT = /^(?:loadstar:appointment:)?(APT-[\w-]+)$/i;

/**
 * Decides which label a scan prints at a scan-to-print station: an SSCC (AI 00) reprints the
 * pallet label, an appointment code prints the gate pass, anything else is tried as an order.
 * Never throws for bad scans: the message is shown large on the station screen.
 */
export async function labelForScan(scan: ScanEvent, ctx: StationContext): Promise<StationResult> {
  if (scan.gs1Error) return { ok: false, message: `This barcode is not valid GS1: ${scan.gs1Error}` };
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
    const appt = APPOINTMENT.exec(scan.raw.trim())?.[1];
    if (appt) {
      const data = await ctx.appointment(appt);
      if (!data) return { ok: false, message: `No appointment ${appt} found. Check the booking.` };
      return {
        ok: true,
        template: 'gate-pass',
        title: `Gate pass ${appt}`,
        zpl: findTemplate('gate-pass')!.render(data, ctx.setup),
      };
    }
    const order = await ctx.order(scan.raw.trim());
    if (!order)
      return {
        ok: false,
        message: `Nothing to print for "${scan.raw.slice(0, 40)}": not an SSCC, appointment or known order.`,
      };
    return {
      ok: true,
      template: 'shipping',
      title: `Shipping ${scan.raw.trim()}`,
      zpl: findTemplate('shipping')!.render(order, ctx.setup),
    };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}
