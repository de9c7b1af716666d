/**
 * The claim rules: each mutator runs inside one write transaction on a `ClaimsStore`, with the
 * arguments the workstation recorded (ids, who and when included), so the same code decides on
 * the workstation, when sync replays pending changes, and on the sync server.
 */
import { AppError } from '../../contract/errors';
import {
  MAX_CLAIM_ATTACHMENTS,
  MAX_CLAIM_NOTES,
  MAX_RECEIPT_PALLETS,
  type Claim,
  type ClaimLine,
  type Receipt,
  type ReceiptPallet,
} from '../../contract/claims';
import type { ClaimsArgs } from '../../contract/sync-mutators';
import { computeDeadlines, type Deadlines } from './deadlines';
import { CLAIM_TRANSITIONS, KIND_OF_TYPE, mayTransition } from './lifecycle';
import { regimeById } from './regimes';
import type { ClaimsStore } from './store';

export interface ClaimsEnv {
  /** Public holidays of a country; throws RangeError for a country the calendar does not know. */
  holidays(country: string): (date: string) => boolean;
}

type LineInput = ClaimsArgs<'claims.create'>['lines'][number];

/** `CLM-` and the id's first eight hex digits: unique enough to say on the phone, no counter to race. */
export function claimNumber(id: string): string {
  return `CLM-${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

export function normaliseLines(lines: readonly LineInput[]): { lines: ClaimLine[]; claimedMinor: number } {
  const out = lines.map((l) => ({
    description: l.description,
    sscc: l.sscc ?? null,
    quantity: l.quantity,
    unitValueMinor: l.unitValueMinor,
    claimedMinor: l.claimedMinor ?? l.quantity * l.unitValueMinor,
  }));
  const claimedMinor = out.reduce((s, l) => s + l.claimedMinor, 0);
  if (!Number.isSafeInteger(claimedMinor) || claimedMinor > 1e13)
    throw new AppError('invalid_input', 'The claimed amount is too large; check the quantities and unit values.', {
      reason: 'amount_too_large',
    });
  return { lines: out, claimedMinor };
}

/** The claim's deadlines under its regime, with what is known so far (filed, denied). */
export function claimDeadlines(claim: Claim, env: ClaimsEnv, today?: string): Deadlines {
  return computeDeadlines(
    {
      regime: claim.regime,
      kind: KIND_OF_TYPE[claim.type],
      delivered: claim.deliveredOn,
      shipped: claim.shippedOn,
      filed: claim.filedOn,
      disallowed: claim.denial?.on ?? null,
      wilful: claim.wilful,
      country: claim.country,
      today,
    },
    env.holidays(claim.country),
  );
}

function checkRegimeAndCountry(env: ClaimsEnv, regime: string, country: string): void {
  if (!regimeById(regime))
    throw new AppError('invalid_input', `There is no deadline regime "${regime}". Choose one from the list.`, {
      reason: 'unknown_regime',
    });
  try {
    env.holidays(country);
  } catch {
    throw new AppError('invalid_input', `The calendar has no public holidays for country "${country}".`, {
      reason: 'unknown_country',
    });
  }
}

function checkDates(deliveredOn: string, shippedOn: string | null): void {
  if (shippedOn && shippedOn > deliveredOn)
    throw new AppError('invalid_input', 'The shipping day is after the delivery day.', { reason: 'shipped_after_delivery' });
}

export async function requireClaim(s: ClaimsStore, id: string): Promise<Claim> {
  const claim = await s.getClaim(id);
  if (!claim) throw new AppError('not_found', 'That claim no longer exists. Refresh the list.', { claimId: id });
  return claim;
}

export async function requireReceipt(s: ClaimsStore, id: string): Promise<Receipt> {
  const receipt = await s.getReceipt(id);
  if (!receipt) throw new AppError('not_found', 'That receiving record no longer exists.', { receiptId: id });
  return receipt;
}

function requireOpenReceipt(r: Receipt): void {
  if (r.status !== 'open')
    throw new AppError('conflict', `Receiving of ${r.reference} is already finished.`, { reason: 'receipt_finished' });
}

export async function createClaim(s: ClaimsStore, env: ClaimsEnv, args: ClaimsArgs<'claims.create'>): Promise<Claim> {
  if (await s.getClaim(args.resultId)) throw new AppError('conflict', 'That claim was already created.');
  checkRegimeAndCountry(env, args.regime, args.country);
  checkDates(args.deliveredOn, args.shippedOn);
  const { lines, claimedMinor } = normaliseLines(args.lines);
  const receipt = args.receiptId ? await requireReceipt(s, args.receiptId) : undefined;
  const claim: Claim = {
    id: args.resultId,
    number: claimNumber(args.resultId),
    type: args.type,
    status: 'draft',
    carrierName: args.carrierName,
    regime: args.regime,
    country: args.country,
    deliveredOn: args.deliveredOn,
    shippedOn: args.shippedOn,
    filedOn: null,
    shipmentRef: args.shipmentRef,
    appointmentId: args.appointmentId ?? receipt?.appointmentId ?? null,
    receiptId: args.receiptId,
    ssccs: [...new Set(args.ssccs)],
    description: args.description,
    language: args.language,
    currency: args.currency,
    lines,
    claimedMinor,
    approvedMinor: null,
    paidMinor: null,
    denial: null,
    appeal: null,
    wilful: args.wilful,
    notes: [],
    attachments: args.attachments.map((a) => ({ ...a, addedAt: args.at, addedBy: args.by })),
    history: [{ from: null, to: 'draft', at: args.at, by: args.by, note: '' }],
    createdAt: args.at,
    createdBy: args.by,
    updatedAt: args.at,
  };
  await s.putClaim(claim);
  if (receipt) await s.putReceipt({ ...receipt, claimIds: [...receipt.claimIds, claim.id] });
  return claim;
}

export async function updateClaim(s: ClaimsStore, env: ClaimsEnv, args: ClaimsArgs<'claims.update'>): Promise<Claim> {
  const current = await requireClaim(s, args.id);
  if (current.status !== 'draft')
    throw new AppError(
      'conflict',
      `Claim ${current.number} is ${current.status.replace('_', ' ')}: what was filed stands. Add a note instead.`,
      { reason: 'not_draft', status: current.status },
    );
  const next: Claim = {
    ...current,
    type: args.type ?? current.type,
    carrierName: args.carrierName ?? current.carrierName,
    regime: args.regime ?? current.regime,
    country: args.country ?? current.country,
    deliveredOn: args.deliveredOn ?? current.deliveredOn,
    shippedOn: args.shippedOn !== undefined ? args.shippedOn : current.shippedOn,
    shipmentRef: args.shipmentRef ?? current.shipmentRef,
    description: args.description ?? current.description,
    language: args.language ?? current.language,
    currency: args.currency ?? current.currency,
    ssccs: args.ssccs ? [...new Set(args.ssccs)] : current.ssccs,
    wilful: args.wilful ?? current.wilful,
    updatedAt: args.at,
  };
  if (args.lines) Object.assign(next, normaliseLines(args.lines));
  checkRegimeAndCountry(env, next.regime, next.country);
  checkDates(next.deliveredOn, next.shippedOn);
  await s.putClaim(next);
  return next;
}

export async function transitionClaim(
  s: ClaimsStore,
  env: ClaimsEnv,
  args: ClaimsArgs<'claims.transition'>,
): Promise<Claim> {
  const claim = await requireClaim(s, args.id);
  const from = claim.status;
  const to = args.to;
  if (!mayTransition(from, to)) {
    const allowed = CLAIM_TRANSITIONS[from];
    throw new AppError(
      'conflict',
      allowed.length
        ? `A ${label(from)} claim cannot become ${label(to)}; it can become ${allowed.map(label).join(', ')}.`
        : `Claim ${claim.number} is closed; nothing follows.`,
      { reason: 'transition_not_allowed', from, to, allowed },
    );
  }
  if (args.on < claim.deliveredOn)
    throw new AppError('invalid_input', `The day ${args.on} is before the delivery on ${claim.deliveredOn}.`, {
      reason: 'before_delivery',
    });
  const next: Claim = { ...claim, status: to, updatedAt: args.at };
  const amount = args.amountMinor;
  switch (to) {
    case 'filed': {
      if (claim.lines.length === 0 || claim.claimedMinor <= 0)
        throw new AppError('invalid_input', 'Add at least one line with a value before filing the claim.', {
          reason: 'nothing_claimed',
        });
      const late = claimDeadlines(claim, env, args.on).deadlines.find(
        (d) => d.key === 'notice' && d.date !== null && d.date < args.on,
      );
      if (late && !args.acceptLateNotice)
        throw new AppError(
          'conflict',
          `The notice deadline passed on ${late.date}. The carrier may refuse the claim as late; file anyway only if notice was given in time another way.`,
          { reason: 'late_notice', deadline: late },
        );
      next.filedOn = args.on;
      break;
    }
    case 'denied':
      if (!args.denialReason)
        throw new AppError('invalid_input', 'Choose the reason the carrier gave for the denial.', {
          reason: 'denial_reason_missing',
        });
      next.denial = { reason: args.denialReason, note: args.note, on: args.on };
      next.approvedMinor = 0;
      break;
    case 'approved':
      if (amount !== undefined && amount !== claim.claimedMinor)
        throw new AppError('invalid_input', 'An approval is for the full amount; use "partially approved" for less.', {
          reason: 'amount_not_full',
        });
      next.approvedMinor = claim.claimedMinor;
      break;
    case 'partially_approved':
      if (amount === undefined || amount <= 0 || amount >= claim.claimedMinor)
        throw new AppError('invalid_input', 'Enter the approved amount: more than nothing and less than claimed.', {
          reason: 'partial_amount',
          claimedMinor: claim.claimedMinor,
        });
      next.approvedMinor = amount;
      break;
    case 'appealed':
      if (args.note.trim().length < 10)
        throw new AppError('invalid_input', 'Say how the appeal answers the denial reason (at least a sentence).', {
          reason: 'appeal_note',
        });
      next.appeal = { note: args.note, on: args.on };
      break;
    case 'paid': {
      const ceiling = claim.approvedMinor ?? claim.claimedMinor;
      if (amount === undefined || amount <= 0 || amount > ceiling)
        throw new AppError('invalid_input', `Enter the amount paid: more than nothing and at most ${ceiling / 100}.`, {
          reason: 'paid_amount',
          ceilingMinor: ceiling,
        });
      next.paidMinor = amount;
      break;
    }
    default:
      break;
  }
  next.history = [...claim.history, { from, to, at: args.at, by: args.by, note: args.note }];
  await s.putClaim(next);
  return next;
}

function label(status: string): string {
  return status.replace('_', ' ');
}

export async function addNote(s: ClaimsStore, args: ClaimsArgs<'claims.addNote'>): Promise<Claim> {
  const claim = await requireClaim(s, args.id);
  if (claim.notes.length >= MAX_CLAIM_NOTES)
    throw new AppError('conflict', `A claim keeps at most ${MAX_CLAIM_NOTES} notes.`, { reason: 'too_many_notes' });
  const next: Claim = {
    ...claim,
    notes: [...claim.notes, { id: args.noteId, at: args.at, by: args.by, direction: args.direction, text: args.text }],
    updatedAt: args.at,
  };
  await s.putClaim(next);
  return next;
}

export async function attach(s: ClaimsStore, args: ClaimsArgs<'claims.attach'>): Promise<Claim> {
  const claim = await requireClaim(s, args.id);
  if (claim.status === 'closed')
    throw new AppError('conflict', `Claim ${claim.number} is closed.`, { reason: 'closed' });
  if (claim.attachments.some((a) => a.fileId === args.file.fileId))
    throw new AppError('conflict', `${args.file.name} is already attached to this claim.`, { reason: 'already_attached' });
  if (claim.attachments.length >= MAX_CLAIM_ATTACHMENTS)
    throw new AppError('conflict', `A claim takes at most ${MAX_CLAIM_ATTACHMENTS} attachments.`, {
      reason: 'too_many_attachments',
    });
  const next: Claim = {
    ...claim,
    attachments: [...claim.attachments, { ...args.file, caption: args.caption, addedAt: args.at, addedBy: args.by }],
    updatedAt: args.at,
  };
  await s.putClaim(next);
  return next;
}

export async function detach(s: ClaimsStore, args: ClaimsArgs<'claims.detach'>): Promise<Claim> {
  const claim = await requireClaim(s, args.id);
  if (claim.status !== 'draft')
    throw new AppError('conflict', 'Evidence of a filed claim stays with it.', { reason: 'not_draft' });
  if (!claim.attachments.some((a) => a.fileId === args.fileId))
    throw new AppError('not_found', 'That file is not attached to this claim.');
  const next: Claim = { ...claim, attachments: claim.attachments.filter((a) => a.fileId !== args.fileId), updatedAt: args.at };
  await s.putClaim(next);
  return next;
}

export async function startReceiving(s: ClaimsStore, args: ClaimsArgs<'claims.startReceiving'>): Promise<Receipt> {
  const existing = await s.receiptForAppointment(args.appointmentId);
  if (existing)
    throw new AppError('conflict', `Receiving of ${existing.reference} has already started.`, {
      reason: 'already_receiving',
      receiptId: existing.id,
    });
  const receipt: Receipt = {
    id: args.resultId,
    appointmentId: args.appointmentId,
    reference: args.reference,
    carrierName: args.carrierName,
    status: 'open',
    expected: args.expected ?? [],
    pallets: [],
    subjectToInspection: false,
    note: '',
    startedAt: args.at,
    startedBy: args.by,
    finishedAt: null,
    claimIds: [],
  };
  await s.putReceipt(receipt);
  return receipt;
}

export async function setExpected(s: ClaimsStore, args: ClaimsArgs<'claims.setExpected'>): Promise<Receipt> {
  const receipt = await requireReceipt(s, args.receiptId);
  requireOpenReceipt(receipt);
  const next = { ...receipt, expected: args.expected };
  await s.putReceipt(next);
  return next;
}

export async function recordPallet(s: ClaimsStore, args: ClaimsArgs<'claims.recordPallet'>): Promise<Receipt> {
  const receipt = await requireReceipt(s, args.receiptId);
  requireOpenReceipt(receipt);
  if (!args.sscc && !args.gtin && args.condition !== 'short')
    throw new AppError('invalid_input', 'Scan the pallet label (SSCC) or the product (GTIN) first.', {
      reason: 'nothing_scanned',
    });
  const same = args.sscc ? receipt.pallets.find((p) => p.sscc === args.sscc) : undefined;
  const pallet: ReceiptPallet = {
    id: same?.id ?? args.palletId,
    sscc: args.sscc,
    gtin: args.gtin,
    lot: args.lot,
    quantity: args.quantity,
    condition: args.condition,
    note: args.note,
    photos: [...new Set([...(same?.photos ?? []), ...args.photos])],
    at: args.at,
    by: args.by,
  };
  const pallets = same ? receipt.pallets.map((p) => (p.id === same.id ? pallet : p)) : [...receipt.pallets, pallet];
  if (pallets.length > MAX_RECEIPT_PALLETS)
    throw new AppError('conflict', `One receipt takes at most ${MAX_RECEIPT_PALLETS} pallets.`, { reason: 'too_many_pallets' });
  const next = { ...receipt, pallets };
  await s.putReceipt(next);
  return next;
}

export async function removePallet(s: ClaimsStore, args: ClaimsArgs<'claims.removePallet'>): Promise<Receipt> {
  const receipt = await requireReceipt(s, args.receiptId);
  requireOpenReceipt(receipt);
  if (!receipt.pallets.some((p) => p.id === args.palletId))
    throw new AppError('not_found', 'That pallet is not on this receipt.');
  const next = { ...receipt, pallets: receipt.pallets.filter((p) => p.id !== args.palletId) };
  await s.putReceipt(next);
  return next;
}

export async function finishReceiving(s: ClaimsStore, args: ClaimsArgs<'claims.finishReceiving'>): Promise<Receipt> {
  const receipt = await requireReceipt(s, args.receiptId);
  requireOpenReceipt(receipt);
  const next: Receipt = {
    ...receipt,
    status: 'finished',
    subjectToInspection: args.subjectToInspection,
    note: args.note,
    finishedAt: args.at,
  };
  await s.putReceipt(next);
  return next;
}
