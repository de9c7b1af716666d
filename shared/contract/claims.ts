/**
 * Claims: from a pallet received damaged, short or over at the dock to a paid claim. A receipt
 * records what arrived for an appointment (each pallet scanned and marked, with photos from the
 * attachment store); an exception opens a claim draft with that evidence attached; the claim
 * runs its lifecycle (the allowed transitions are data, `shared/domain/claims/lifecycle.ts`) with
 * every deadline of its regime computed on the way.
 */
import { z } from 'zod';
import { calendarDate, command, event, mutation } from './define';
import { fileId } from './files';
import type { PdfDocument } from './routing-model';

export const CLAIM_TYPES = [
  'damage_apparent',
  'damage_concealed',
  'loss_total',
  'loss_partial',
  'shortage',
  'delay',
] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

export const CLAIM_STATUSES = [
  'draft',
  'filed',
  'acknowledged',
  'under_review',
  'approved',
  'partially_approved',
  'denied',
  'appealed',
  'paid',
  'closed',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const DENIAL_REASONS = [
  'insufficient_packaging',
  'not_noted_on_delivery_receipt',
  'late_notice',
  'liability_limit',
  'no_proof_of_value',
  'not_carrier_liable',
  'other',
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

export const PALLET_CONDITIONS = ['ok', 'damaged', 'short', 'over'] as const;
export type PalletCondition = (typeof PALLET_CONDITIONS)[number];

/** Countries the claim form offers (the holiday calendar knows many more; those work too). */
export const CLAIM_COUNTRIES = ['SE', 'NO', 'DK', 'FI', 'DE', 'FR', 'PL', 'NL', 'BE', 'GB', 'US'] as const;
export const CLAIM_CURRENCIES = ['SEK', 'NOK', 'DKK', 'EUR', 'PLN', 'GBP', 'USD'] as const;

export const CORRESPONDENCE = ['sent', 'received', 'internal'] as const;
export const CLAIM_LANGUAGES = ['en', 'sv'] as const;
export type ClaimLanguage = (typeof CLAIM_LANGUAGES)[number];

/** Evidence kinds a claim takes: photos and PDFs, told from the content, never the name. */
export const CLAIM_FILE_KINDS = ['png', 'jpeg', 'pdf'] as const;
/** A claim attachment's largest size (the store itself takes up to 32 MB). */
export const CLAIM_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const MAX_CLAIM_LINES = 200;
export const MAX_CLAIM_ATTACHMENTS = 60;
export const MAX_CLAIM_NOTES = 200;
export const MAX_RECEIPT_PALLETS = 300;

export interface ClaimLine {
  description: string;
  sscc: string | null;
  quantity: number;
  /** Minor units (öre, cents). */
  unitValueMinor: number;
  claimedMinor: number;
}

export interface ClaimAttachment {
  fileId: string;
  name: string;
  kind: (typeof CLAIM_FILE_KINDS)[number];
  size: number;
  caption: string;
  addedAt: number;
  addedBy: string;
}

export interface ClaimNote {
  id: string;
  at: number;
  by: string;
  direction: (typeof CORRESPONDENCE)[number];
  text: string;
}

export interface ClaimTransition {
  from: ClaimStatus | null;
  to: ClaimStatus;
  at: number;
  by: string;
  note: string;
}

export interface Claim {
  id: string;
  /** Shown to people and carriers: `CLM-` and the first eight hex digits of the id. */
  number: string;
  type: ClaimType;
  status: ClaimStatus;
  carrierName: string;
  /** Deadline regime id (`cmr`, `carmack`, `montreal`, `postnord`…). */
  regime: string;
  /** Country of delivery (public holidays). */
  country: string;
  deliveredOn: string;
  shippedOn: string | null;
  filedOn: string | null;
  shipmentRef: string;
  appointmentId: string | null;
  receiptId: string | null;
  ssccs: string[];
  description: string;
  /** Language of the cover letter. */
  language: ClaimLanguage;
  /** ISO 4217. */
  currency: string;
  lines: ClaimLine[];
  claimedMinor: number;
  approvedMinor: number | null;
  paidMinor: number | null;
  denial: { reason: DenialReason; note: string; on: string } | null;
  appeal: { note: string; on: string } | null;
  wilful: boolean;
  notes: ClaimNote[];
  attachments: ClaimAttachment[];
  history: ClaimTransition[];
  createdAt: number;
  createdBy: string;
  updatedAt: number;
}

export interface ClaimDeadline {
  key: 'notice' | 'claim' | 'carrierAcknowledge' | 'carrierDecision' | 'limitation';
  date: string | null;
  daysLeft: number | null;
  needs: 'delivered' | 'shipped' | 'filed' | 'disallowed' | null;
  source: string;
  status: 'confirmed' | 'verify';
}

export interface ClaimView extends Claim {
  deadlines: ClaimDeadline[];
  /** Regime notes (wilful misconduct, suspension of limitation…). */
  regimeNotes: string[];
  /** Statuses this claim may move to now. */
  next: ClaimStatus[];
  /** A notice deadline already past while the claim is not filed: shown before filing. */
  lateNotice: ClaimDeadline | null;
}

export interface ClaimSummary {
  id: string;
  number: string;
  type: ClaimType;
  status: ClaimStatus;
  carrierName: string;
  shipmentRef: string;
  deliveredOn: string;
  currency: string;
  claimedMinor: number;
  paidMinor: number | null;
  /** The earliest open deadline (null when none is known). */
  nextDeadline: { key: ClaimDeadline['key']; date: string; daysLeft: number } | null;
  updatedAt: number;
}

export interface ReceiptPallet {
  id: string;
  sscc: string | null;
  gtin: string | null;
  lot: string | null;
  quantity: number;
  condition: PalletCondition;
  note: string;
  photos: string[];
  at: number;
  by: string;
}

export interface ExpectedLine {
  sscc: string | null;
  gtin: string | null;
  lot: string | null;
  description: string;
  quantity: number;
}

export interface Receipt {
  id: string;
  appointmentId: string;
  reference: string;
  carrierName: string;
  status: 'open' | 'finished';
  expected: ExpectedLine[];
  pallets: ReceiptPallet[];
  subjectToInspection: boolean;
  note: string;
  startedAt: number;
  startedBy: string;
  finishedAt: number | null;
  claimIds: string[];
}

/** What arrived against what was expected, per expected line and pallets nobody expected. */
export interface ReceiptBalance {
  lines: { index: number; expected: number; received: number; damaged: number; short: number }[];
  /** Pallets scanned that match no expected line, or marked over. */
  over: number;
  damaged: number;
  short: number;
  exceptions: number;
}

export interface ReceiptView extends Receipt {
  balance: ReceiptBalance;
}

export interface ClaimsReportRow {
  carrierName: string;
  currency: string;
  open: number;
  claimedMinor: number;
  recoveredMinor: number;
  /** Recovered ÷ claimed of the claims that reached a decision, 0–1; null without any. */
  recoveryRate: number | null;
  averageDaysToPayment: number | null;
}

const id = z.string().min(1).max(64);
const uuid = z.string().uuid();
const text = (max: number) => z.string().trim().max(max);
const money = z.number().int().min(0).max(1e13);
const sscc = z.string().regex(/^\d{18}$/, 'An SSCC has 18 digits');
const gtin = z.string().regex(/^\d{8,14}$/, 'A GTIN has 8 to 14 digits');
const country = z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as SE');
const currency = z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as SEK');
const regime = z.string().regex(/^[a-z]{2,20}$/, 'Choose a regime');

export const claimLineInput = z.object({
  description: text(200).min(1, 'Describe the goods on each line'),
  sscc: sscc.nullable().default(null),
  quantity: z.number().int().min(1, 'A line needs a quantity of at least 1').max(1_000_000),
  unitValueMinor: money,
  /** Defaults to quantity × unit value. */
  claimedMinor: money.optional(),
});

const claimFields = z.object({
  type: z.enum(CLAIM_TYPES),
  carrierName: text(80).min(1, 'Name the carrier'),
  regime,
  country,
  deliveredOn: calendarDate,
  shippedOn: calendarDate.nullable().default(null),
  shipmentRef: text(80).default(''),
  description: text(2000).default(''),
  language: z.enum(CLAIM_LANGUAGES).default('en'),
  currency: currency.default('SEK'),
  lines: z.array(claimLineInput).max(MAX_CLAIM_LINES).default([]),
  ssccs: z.array(sscc).max(MAX_RECEIPT_PALLETS).default([]),
  wilful: z.boolean().default(false),
});

export const expectedLineInput = z.object({
  sscc: sscc.nullable().default(null),
  gtin: gtin.nullable().default(null),
  lot: text(20).nullable().default(null),
  description: text(200).default(''),
  quantity: z.number().int().min(1).max(1_000_000).default(1),
});

export const claimsCommands = {
  'claims.list': command<ClaimSummary[]>()(
    z.object({ status: z.enum(CLAIM_STATUSES).optional(), openOnly: z.boolean().default(false) }),
  ),
  'claims.get': command<ClaimView>()(z.object({ id })),
  /** A draft; with `receiptId` its exceptions' SSCCs and photos come along. */
  'claims.create': mutation<Claim>()(
    claimFields.extend({
      appointmentId: id.nullable().default(null),
      receiptId: id.nullable().default(null),
    }),
  ),
  /** Edits a draft (after filing, what was filed stands; correspondence goes in notes). */
  'claims.update': mutation<Claim>()(claimFields.partial().extend({ id })),
  'claims.transition': mutation<Claim>()(
    z.object({
      id,
      to: z.enum(CLAIM_STATUSES),
      /** The day it happened (filed, denied, paid); today when absent. */
      on: calendarDate.optional(),
      note: text(2000).default(''),
      denialReason: z.enum(DENIAL_REASONS).optional(),
      /** Approved amount for a partial approval, paid amount for a payment. */
      amountMinor: money.optional(),
      /** The operator saw that the notice deadline has passed and files anyway. */
      acceptLateNotice: z.boolean().optional(),
    }),
  ),
  'claims.addNote': mutation<Claim>()(
    z.object({ id, direction: z.enum(CORRESPONDENCE), text: text(4000).min(1, 'Write the note') }),
  ),
  /** Attaches a file already in the attachment store: a photo (PNG, JPEG) or a PDF, at most 10 MB. */
  'claims.attach': mutation<Claim>()(z.object({ id, fileId, caption: text(200).default('') })),
  'claims.detach': mutation<Claim>()(z.object({ id, fileId })),
  /** Open claims' deadlines falling within `days` days from today (and those already past). */
  'claims.deadlinesDue': command<{ claim: ClaimSummary; deadline: ClaimDeadline }[]>()(
    z.object({ days: z.number().int().min(1).max(60).default(7) }),
  ),
  'claims.report': command<ClaimsReportRow[]>()(z.object({})),
  /** The claim packet (cover letter, summary, lines, deadlines, photos, scan log, timeline, documents). */
  'claims.packet': command<PdfDocument>()(z.object({ id })),
  /** Every claim in full, for the CSV and XLSX exports of claims and their lines. */
  'claims.exportAll': command<Claim[]>()(z.object({})),
  /** A claim attachment's bytes (base64), to show a photo or open a PDF. */
  'claims.attachment': command<{ contentType: string; base64: string }>()(z.object({ id, fileId })),

  'claims.receiptFor': command<ReceiptView | null>()(z.object({ appointmentId: id })),
  'claims.startReceiving': mutation<ReceiptView>()(
    z.object({ appointmentId: id, expected: z.array(expectedLineInput).max(MAX_RECEIPT_PALLETS).optional() }),
  ),
  /** Replaces the expected lines (ASN), e.g. from a CSV the carrier sent. */
  'claims.setExpected': mutation<ReceiptView>()(
    z.object({ receiptId: id, expected: z.array(expectedLineInput).max(MAX_RECEIPT_PALLETS) }),
  ),
  'claims.recordPallet': mutation<ReceiptView>()(
    z.object({
      receiptId: id,
      /** Re-marking a pallet already scanned (same SSCC) replaces its record. */
      sscc: sscc.nullable().default(null),
      gtin: gtin.nullable().default(null),
      lot: text(20).nullable().default(null),
      quantity: z.number().int().min(1).max(1_000_000).default(1),
      condition: z.enum(PALLET_CONDITIONS),
      note: text(500).default(''),
      photos: z.array(fileId).max(10).default([]),
    }),
  ),
  'claims.removePallet': mutation<ReceiptView>()(z.object({ receiptId: id, palletId: uuid })),
  'claims.finishReceiving': mutation<ReceiptView>()(
    z.object({ receiptId: id, subjectToInspection: z.boolean(), note: text(2000).default('') }),
  ),
};

export const claimsEvents = {
  'claims.changed': event<{ claimIds: string[]; receiptIds: string[] }>(),
};
