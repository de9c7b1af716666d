/** What arrived against what was expected (ASN lines): over, short and damaged, computed. */
import type { ExpectedLine, ReceiptBalance, ReceiptPallet } from '../../contract/claims';

/**
 * Each pallet counts against the first expected line it matches: by SSCC when both have one,
 * else by GTIN (and lot when the line names one). A pallet marked `short` records a missing
 * pallet the operator counted (its quantity is what is missing); `over` is an extra pallet.
 * Without expected lines (no ASN) nothing is computed: only what the operator marked counts.
 */
export function receiptBalance(expected: readonly ExpectedLine[], pallets: readonly ReceiptPallet[]): ReceiptBalance {
  const lines = expected.map((e, index) => ({ index, expected: e.quantity, received: 0, damaged: 0, short: 0 }));
  let over = 0;
  let damaged = 0;
  let markedShort = 0;
  for (const p of pallets) {
    if (p.condition === 'short') {
      markedShort += p.quantity;
      continue;
    }
    if (p.condition === 'damaged') damaged += p.quantity;
    const i = p.condition === 'over' ? -1 : expected.findIndex((e) => matches(e, p));
    if (i < 0) {
      if (p.condition === 'over' || expected.length > 0) over += p.quantity;
      continue;
    }
    lines[i]!.received += p.quantity;
    if (p.condition === 'damaged') lines[i]!.damaged += p.quantity;
  }
  let short = 0;
  for (const l of lines) {
    const extra = Math.max(0, l.received - l.expected);
    over += extra;
    l.short = Math.max(0, l.expected - l.received);
    short += l.short;
  }
  // Without expected lines, short is what the operator marked; with them, the larger of the two.
  short = Math.max(short, markedShort);
  return { lines, over, damaged, short, exceptions: over + damaged + short };
}

function matches(e: ExpectedLine, p: ReceiptPallet): boolean {
  if (e.sscc && p.sscc) return e.sscc === p.sscc;
  if (e.sscc || !e.gtin || !p.gtin) return false;
  return e.gtin === p.gtin && (!e.lot || e.lot === p.lot);
}
