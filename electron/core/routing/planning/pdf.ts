/**
 * Printouts from a dispatched plan: a route sheet per driver (one A4 page each, continued only
 * if a route has too many stops) and a load list per vehicle in loading order (last stop first).
 * The standard Helvetica font only encodes Windows-1252: other characters are replaced by their
 * unaccented form or "?", so any name can be printed.
 */
import type { Order, PdfDocument, Plan, PlanRoute, PlanStop } from '@shared/contract';
import { formatHhMm, minuteOfDay } from '@shared/domain/time';
import { finish, full, GREY, line, MARGIN, newPage, text, writer, type Writer } from '../../pdf/layout';

export { sanitizer } from '../../pdf/layout';

function amounts(a: Record<string, number>): string {
  return Object.entries(a)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${Math.round(v * 100) / 100} ${k}`)
    .join(', ');
}

export interface PdfContext {
  plan: Plan;
  orders: Map<string, Order>;
  timeZone: string;
  siteName: string;
  drivers: Map<string, { name: string; phone: string }>;
  vehicles: Map<string, { name: string; plate: string }>;
}

export async function routeSheets(ctx: PdfContext, driverId?: string): Promise<PdfDocument> {
  const hhmm = (ms: number) => formatHhMm(minuteOfDay(ms, ctx.timeZone));
  const routes = ctx.plan.routes.filter(
    (r) => r.stops.some((s) => s.orderId) && r.driverId && (!driverId || r.driverId === driverId),
  );
  const w = await writer(`Route sheets ${ctx.plan.date}`);
  routes.forEach((r, i) => {
    if (i > 0) newPage(w);
    const driver = ctx.drivers.get(r.driverId!);
    const vehicle = ctx.vehicles.get(r.vehicleId);
    line(w, [text(`Route sheet  ${ctx.plan.date}  –  ${ctx.siteName}`)], { size: 16, bold: true });
    line(
      w,
      [
        text(
          `Driver: ${driver?.name ?? r.driverName ?? ''}${driver?.phone ? `   Tel. ${driver.phone}` : ''}`,
        ),
      ],
      { size: 11 },
    );
    line(
      w,
      [text(`Vehicle: ${vehicle?.name ?? r.vehicleName}${vehicle?.plate ? ` (${vehicle.plate})` : ''}`)],
      { size: 11 },
    );
    line(
      w,
      [
        text(
          `Depart ${hhmm(r.departAt)}  ·  back ${hhmm(r.returnAt)}  ·  ${r.metrics.stops} stops  ·  ${r.metrics.km} km  ·  ${r.metrics.hours} h  ·  version ${ctx.plan.version ?? '-'}`,
        ),
      ],
      { size: 10, color: GREY },
    );
    w.y -= 6;
    const cols = [
      { x: MARGIN, width: 20 },
      { x: MARGIN + 22, width: 34 },
      { x: MARGIN + 58, width: 62 },
      { x: MARGIN + 122, width: 190 },
      { x: MARGIN + 314, width: 70 },
      { x: MARGIN + 386, width: full - 386 },
    ];
    const row = (cells: string[], opts?: Parameters<typeof line>[2]) =>
      line(
        w,
        cells.map((t, k) => ({ ...cols[k]!, text: t })),
        opts,
      );
    row(['#', 'ETA', 'Window', 'Customer / address', 'Ref.', 'Load / notes'], { bold: true });
    for (const s of r.stops) {
      if (!s.orderId) {
        row([
          '',
          hhmm(s.serviceStartAt),
          '',
          s.kind === 'break' ? `Break ${s.serviceMin} min` : 'Back to depot to reload',
          '',
          '',
        ]);
        continue;
      }
      const o = ctx.orders.get(s.orderId);
      const windows = (o?.timeWindows ?? [])
        .map((tw) => `${formatHhMm(tw.from)}–${formatHhMm(tw.to)}`)
        .join(' ');
      const kind = s.kind === 'pickup' ? 'PICKUP ' : '';
      row([
        String(s.seq ?? ''),
        hhmm(s.serviceStartAt),
        windows,
        `${kind}${s.customer ?? ''}`,
        s.reference ?? '',
        amounts(o?.demand ?? {}),
      ]);
      row(['', '', '', s.address ?? '', o?.phone ?? '', o?.notes ?? ''], { size: 8, color: GREY });
    }
    w.y -= 10;
    line(w, [text('Signature on return: ____________________________')], { size: 10 });
  });
  if (!routes.length) line(w, [text(`No dispatched routes on ${ctx.plan.date}.`)], { size: 12 });
  return finish(
    w,
    `route-sheets-${ctx.plan.date}${driverId ? `-${slug(ctx.drivers.get(driverId)?.name ?? driverId)}` : ''}.pdf`,
  );
}

export async function loadList(ctx: PdfContext): Promise<PdfDocument> {
  const w = await writer(`Load list ${ctx.plan.date}`);
  line(w, [text(`Load list  ${ctx.plan.date}  –  ${ctx.siteName}`)], { size: 16, bold: true });
  line(w, [text('Load each vehicle in this order: the last stop goes in first.')], { size: 10, color: GREY });
  const routes = ctx.plan.routes.filter((r) => r.stops.some((s) => s.orderId));
  for (const r of routes) section(w, r, ctx);
  if (!routes.length) line(w, [text('Nothing to load.')], { size: 12 });
  return finish(w, `load-list-${ctx.plan.date}.pdf`);
}

function section(w: Writer, r: PlanRoute, ctx: PdfContext): void {
  w.y -= 8;
  if (w.y < MARGIN + 80) newPage(w);
  const vehicle = ctx.vehicles.get(r.vehicleId);
  line(
    w,
    [
      text(
        `${vehicle?.name ?? r.vehicleName}${vehicle?.plate ? ` (${vehicle.plate})` : ''}  ·  driver ${r.driverName ?? '—'}  ·  peak ${amounts(r.peakLoad)}`,
      ),
    ],
    {
      size: 12,
      bold: true,
    },
  );
  const cols = [
    { x: MARGIN, width: 40 },
    { x: MARGIN + 42, width: 70 },
    { x: MARGIN + 114, width: 220 },
    { x: MARGIN + 336, width: full - 336 },
  ];
  const row = (cells: string[], opts?: Parameters<typeof line>[2]) =>
    line(
      w,
      cells.map((t, k) => ({ ...cols[k]!, text: t })),
      opts,
    );
  // One list per trip (multi-trip vehicles reload at the depot); deliveries of a pickup made on
  // the way are not loaded here.
  const trips: PlanStop[][] = [[]];
  for (const st of r.stops) {
    if (st.kind === 'reload') trips.push([]);
    else trips[trips.length - 1]!.push(st);
  }
  const fromDepot = (st: PlanStop) => {
    if (st.kind !== 'delivery' || !st.orderId) return false;
    const partner = ctx.orders.get(ctx.orders.get(st.orderId)?.pairedOrderId ?? '');
    return !(partner && partner.kind === 'pickup' && r.stops.some((x) => x.orderId === partner.id));
  };
  trips.forEach((trip, i) => {
    if (trips.length > 1) line(w, [text(`Trip ${i + 1}`)], { size: 10, bold: true });
    row(['Stop', 'Ref.', 'Customer', 'Load'], { bold: true });
    for (const st of trip.filter(fromDepot).reverse())
      row([
        String(st.seq ?? ''),
        st.reference ?? '',
        st.customer ?? '',
        amounts(ctx.orders.get(st.orderId!)?.demand ?? {}),
      ]);
    const pickups = trip.filter((st) => st.kind === 'pickup').length;
    if (pickups) row(['', '', `${pickups} pickup(s) on the way: keep room on board`, ''], { color: GREY });
  });
}

function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[^\w]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'driver'
  );
}
