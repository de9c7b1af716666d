import { randomUUID } from 'node:crypto';
import {
  AppError,
  CLAIM_FILE_KINDS,
  CLAIM_FILE_MAX_BYTES,
  type Claim,
  type ClaimDeadline,
  type ClaimSummary,
  type ClaimView,
  type ClaimsReportRow,
  type ParsedInput,
  type PdfDocument,
  type Receipt,
  type ReceiptView,
} from '@shared/contract';
import type { ClaimsArgs, SyncedMutatorName } from '@shared/contract/sync-mutators';
import { daysBetween } from '@shared/domain/claims/calendar';
import { publicHolidays } from '@shared/domain/claims/holidays';
import { CLAIM_TRANSITIONS, isOpen } from '@shared/domain/claims/lifecycle';
import * as rules from '@shared/domain/claims/mutators';
import { receiptBalance } from '@shared/domain/claims/receiving';
import { regimeById } from '@shared/domain/claims/regimes';
import { isoDate } from '@shared/domain/time';
import type { Queryable } from '../db/connection';
import type { Database } from '../db/database';
import { recordMutation } from '../db/outbox';
import type { DockPort } from '../dock/port';
import type { FilesPort } from '../files/file-store';
import type { CallContext } from '../router';
import * as repo from './claims-repo';
import { claimPacket } from './packet';

type ClaimsMutatorName = Extract<SyncedMutatorName, `claims.${string}`>;

export interface ClaimsServiceDeps {
  db: Database;
  files: FilesPort;
  dock: DockPort;
  timeZone: string;
  siteName: () => string;
  now: () => number;
  onChanged: (change: { claimIds: string[]; receiptIds: string[] }) => void;
}

/** Public holidays from date-holidays, the same calendar the CLI and the server use. */
export const claimsEnv: rules.ClaimsEnv = { holidays: publicHolidays };

/** Where a file is kept: one owner per (record, file), so one can be released alone. */
const owner = (kind: 'claim' | 'receipt', id: string, fileId: string) => `${kind}:${id}:${fileId}`;

/**
 * Claims and receiving: the rules live in `shared/domain/claims` (the sync server runs the same);
 * this service gives them the workstation's store, ids, clock and attachment store, and records
 * each change in the outbox in the same transaction.
 */
export class ClaimsService {
  constructor(private readonly deps: ClaimsServiceDeps) {}

  private today(): string {
    return isoDate(this.deps.now(), this.deps.timeZone);
  }

  private stamp(ctx: CallContext) {
    return { at: this.deps.now(), by: ctx.actor };
  }

  view(claim: Claim): ClaimView {
    const today = this.today();
    const d = rules.claimDeadlines(claim, claimsEnv, today);
    const lateNotice =
      claim.status === 'draft'
        ? (d.deadlines.find((x) => x.key === 'notice' && x.date !== null && x.date < today) ?? null)
        : null;
    return {
      ...claim,
      deadlines: d.deadlines,
      regimeNotes: regimeById(claim.regime)?.notes ?? [],
      next: [...CLAIM_TRANSITIONS[claim.status]],
      lateNotice,
    };
  }

  summary(claim: Claim, today = this.today()): ClaimSummary {
    const next = isOpen(claim.status) ? this.openDeadlines(claim, today)[0] : undefined;
    return {
      id: claim.id,
      number: claim.number,
      type: claim.type,
      status: claim.status,
      carrierName: claim.carrierName,
      shipmentRef: claim.shipmentRef,
      deliveredOn: claim.deliveredOn,
      currency: claim.currency,
      claimedMinor: claim.claimedMinor,
      paidMinor: claim.paidMinor,
      nextDeadline: next ? { key: next.key, date: next.date!, daysLeft: next.daysLeft! } : null,
      updatedAt: claim.updatedAt,
    };
  }

  /**
   * The deadlines that still matter for an open claim, earliest first: the notice and the claim
   * itself until it is filed, the carrier's answers while it waits for them, limitation always.
   */
  private openDeadlines(claim: Claim, today: string): ClaimDeadline[] {
    const filed = claim.status !== 'draft';
    const waiting = ['filed', 'acknowledged', 'under_review', 'appealed'].includes(claim.status);
    return rules
      .claimDeadlines(claim, claimsEnv, today)
      .deadlines.filter((d) => d.date !== null)
      .filter((d) => {
        if (d.key === 'notice' || d.key === 'claim') return !filed;
        if (d.key === 'carrierAcknowledge') return claim.status === 'filed';
        if (d.key === 'carrierDecision') return waiting;
        return true;
      })
      .sort((a, b) => a.date!.localeCompare(b.date!));
  }

  async list(input: ParsedInput<'claims.list'>): Promise<ClaimSummary[]> {
    const claims = await repo.listClaims(this.deps.db, input.status);
    const today = this.today();
    return claims.filter((c) => !input.openOnly || isOpen(c.status)).map((c) => this.summary(c, today));
  }

  async get(id: string): Promise<ClaimView> {
    return this.view(await this.claim(id));
  }

  async deadlinesDue(days: number): Promise<{ claim: ClaimSummary; deadline: ClaimDeadline }[]> {
    const today = this.today();
    const out: { claim: ClaimSummary; deadline: ClaimDeadline }[] = [];
    for (const claim of await repo.listClaims(this.deps.db)) {
      if (!isOpen(claim.status)) continue;
      for (const d of this.openDeadlines(claim, today))
        if (daysBetween(today, d.date!) <= days) out.push({ claim: this.summary(claim, today), deadline: d });
    }
    return out.sort((a, b) => a.deadline.date!.localeCompare(b.deadline.date!));
  }

  async report(): Promise<ClaimsReportRow[]> {
    const rows = new Map<string, ClaimsReportRow & { decided: number; recoveredDecided: number; days: number[] }>();
    for (const c of await repo.listClaims(this.deps.db)) {
      const key = `${c.carrierName}\u0000${c.currency}`;
      let r = rows.get(key);
      if (!r) {
        r = {
          carrierName: c.carrierName,
          currency: c.currency,
          open: 0,
          claimedMinor: 0,
          recoveredMinor: 0,
          recoveryRate: null,
          averageDaysToPayment: null,
          decided: 0,
          recoveredDecided: 0,
          days: [],
        };
        rows.set(key, r);
      }
      if (isOpen(c.status)) r.open++;
      r.claimedMinor += c.claimedMinor;
      r.recoveredMinor += c.paidMinor ?? 0;
      const decided = c.paidMinor !== null || c.denial !== null || c.status === 'closed';
      if (decided && c.filedOn) {
        r.decided += c.claimedMinor;
        r.recoveredDecided += c.paidMinor ?? 0;
      }
      const paid = c.history.find((h) => h.to === 'paid');
      if (paid && c.filedOn) r.days.push(daysBetween(c.filedOn, isoDate(paid.at, this.deps.timeZone)));
    }
    return [...rows.values()]
      .map(({ decided, recoveredDecided, days, ...r }) => ({
        ...r,
        recoveryRate: decided > 0 ? recoveredDecided / decided : null,
        averageDaysToPayment: days.length ? days.reduce((a, b) => a + b, 0) / days.length : null,
      }))
      .sort((a, b) => a.carrierName.localeCompare(b.carrierName) || a.currency.localeCompare(b.currency));
  }

  async create(input: ParsedInput<'claims.create'>, ctx: CallContext): Promise<Claim> {
    const resultId = randomUUID();
    let ssccs = input.ssccs;
    const attachments: ClaimsArgs<'claims.create'>['attachments'] = [];
    if (input.receiptId) {
      const receipt = await repo.getReceipt(this.deps.db, input.receiptId);
      if (!receipt) throw new AppError('not_found', 'That receiving record no longer exists.');
      const exceptions = receipt.pallets.filter((p) => p.condition !== 'ok');
      ssccs = [...new Set([...ssccs, ...exceptions.flatMap((p) => (p.sscc ? [p.sscc] : []))])];
      for (const fileId of new Set(exceptions.flatMap((p) => p.photos))) {
        const { file } = await this.deps.files.read(fileId);
        attachments.push({ fileId, name: file.name, kind: file.kind as 'png', size: file.size, caption: '' });
      }
    }
    const args = { ...input, ssccs, attachments, resultId, ...this.stamp(ctx) };
    return this.run('claims.create', args, ctx, async (tx, claim: Claim) => {
      for (const a of claim.attachments) await this.deps.files.keep(tx, a.fileId, owner('claim', claim.id, a.fileId));
    });
  }

  update(input: ParsedInput<'claims.update'>, ctx: CallContext): Promise<Claim> {
    return this.run('claims.update', { ...input, ...this.stamp(ctx) }, ctx);
  }

  transition(input: ParsedInput<'claims.transition'>, ctx: CallContext): Promise<Claim> {
    return this.run('claims.transition', { ...input, on: input.on ?? this.today(), ...this.stamp(ctx) }, ctx);
  }

  addNote(input: ParsedInput<'claims.addNote'>, ctx: CallContext): Promise<Claim> {
    return this.run('claims.addNote', { ...input, noteId: randomUUID(), ...this.stamp(ctx) }, ctx);
  }

  async attach(input: ParsedInput<'claims.attach'>, ctx: CallContext): Promise<Claim> {
    const file = await this.evidence(input.fileId, CLAIM_FILE_KINDS);
    return this.run('claims.attach', { ...input, file, ...this.stamp(ctx) }, ctx, (tx) =>
      this.deps.files.keep(tx, input.fileId, owner('claim', input.id, input.fileId)),
    );
  }

  detach(input: ParsedInput<'claims.detach'>, ctx: CallContext): Promise<Claim> {
    return this.run('claims.detach', { ...input, ...this.stamp(ctx) }, ctx, (tx) =>
      this.deps.files.release(tx, owner('claim', input.id, input.fileId)),
    );
  }

  async packet(id: string): Promise<PdfDocument> {
    const claim = this.view(await this.claim(id));
    const receipt = claim.receiptId ? await repo.getReceipt(this.deps.db, claim.receiptId) : undefined;
    return claimPacket({
      claim,
      receipt,
      siteName: this.deps.siteName(),
      timeZone: this.deps.timeZone,
      // A file another workstation attached is not stored here (files do not sync): left out.
      file: (fileId) =>
        this.deps.files.read(fileId).then(
          (f) => new Uint8Array(f.bytes),
          () => null,
        ),
    });
  }

  exportAll(): Promise<Claim[]> {
    return repo.listClaims(this.deps.db);
  }

  /** The bytes of a file attached to a claim or to one of its receipt's pallets. */
  async attachmentData(claimId: string, fileId: string): Promise<{ contentType: string; base64: string }> {
    const claim = await this.claim(claimId);
    if (!claim.attachments.some((a) => a.fileId === fileId))
      throw new AppError('not_found', 'That file is not attached to this claim.');
    const { file, bytes } = await this.deps.files.read(fileId);
    return { contentType: file.contentType, base64: bytes.toString('base64') };
  }

  /**
   * A stored file a claim may take: a photo or PDF (from its content) within the claim limit. A
   * refused file is removed from the store at once unless another record keeps it.
   */
  private async evidence(fileId: string, kinds: readonly string[]) {
    const { file } = await this.deps.files.read(fileId);
    const refuse = async (message: string, reason: string) => {
      await this.deps.files.discard(fileId);
      throw new AppError('invalid_input', message, { reason, kind: file.kind, size: file.size });
    };
    if (!kinds.includes(file.kind))
      await refuse(
        `${file.name} is not a ${kinds.includes('pdf') ? 'photo (PNG, JPEG) or PDF' : 'photo (PNG or JPEG)'}: its content is ${file.kind}, whatever its name says.`,
        'file_kind',
      );
    if (file.size > CLAIM_FILE_MAX_BYTES)
      await refuse(
        `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; claim evidence may be at most ${CLAIM_FILE_MAX_BYTES / 1024 / 1024} MB. Use a smaller photo or scan.`,
        'file_too_large',
      );
    return { fileId, name: file.name, kind: file.kind as 'png' | 'jpeg' | 'pdf', size: file.size, caption: '' };
  }

  async receiptFor(appointmentId: string): Promise<ReceiptView | null> {
    const r = await repo.receiptForAppointment(this.deps.db, appointmentId);
    return r ? receiptView(r) : null;
  }

  async startReceiving(input: ParsedInput<'claims.startReceiving'>, ctx: CallContext): Promise<ReceiptView> {
    const appointment = await this.deps.dock.appointment(input.appointmentId);
    if (!appointment) throw new AppError('not_found', 'That appointment no longer exists. Refresh the dock board.');
    if (appointment.status !== 'booked')
      throw new AppError('conflict', `Appointment ${appointment.reference} is cancelled; nothing to receive.`, {
        reason: 'appointment_cancelled',
      });
    const args = {
      ...input,
      resultId: randomUUID(),
      reference: appointment.reference,
      carrierName: appointment.carrierName,
      ...this.stamp(ctx),
    };
    return this.runReceipt('claims.startReceiving', args, ctx);
  }

  setExpected(input: ParsedInput<'claims.setExpected'>, ctx: CallContext): Promise<ReceiptView> {
    return this.runReceipt('claims.setExpected', { ...input, ...this.stamp(ctx) }, ctx);
  }

  async recordPallet(input: ParsedInput<'claims.recordPallet'>, ctx: CallContext): Promise<ReceiptView> {
    for (const fileId of input.photos) await this.evidence(fileId, ['png', 'jpeg']);
    const args = { ...input, palletId: randomUUID(), ...this.stamp(ctx) };
    return this.runReceipt('claims.recordPallet', args, ctx, async (tx) => {
      for (const f of input.photos) await this.deps.files.keep(tx, f, owner('receipt', input.receiptId, f));
    });
  }

  removePallet(input: ParsedInput<'claims.removePallet'>, ctx: CallContext): Promise<ReceiptView> {
    return this.runReceipt('claims.removePallet', { ...input, ...this.stamp(ctx) }, ctx);
  }

  finishReceiving(input: ParsedInput<'claims.finishReceiving'>, ctx: CallContext): Promise<ReceiptView> {
    return this.runReceipt('claims.finishReceiving', { ...input, ...this.stamp(ctx) }, ctx);
  }

  /** The mutators as sync replays them: the shared rules on this file, recording nothing. */
  readonly mutators: { [N in ClaimsMutatorName]: (tx: Queryable, args: ClaimsArgs<N>) => Promise<Claim | Receipt> } = {
    'claims.create': (tx, a) => rules.createClaim(repo.sqliteClaimsStore(tx), claimsEnv, a),
    'claims.update': (tx, a) => rules.updateClaim(repo.sqliteClaimsStore(tx), claimsEnv, a),
    'claims.transition': (tx, a) => rules.transitionClaim(repo.sqliteClaimsStore(tx), claimsEnv, a),
    'claims.addNote': (tx, a) => rules.addNote(repo.sqliteClaimsStore(tx), a),
    'claims.attach': (tx, a) => rules.attach(repo.sqliteClaimsStore(tx), a),
    'claims.detach': (tx, a) => rules.detach(repo.sqliteClaimsStore(tx), a),
    'claims.startReceiving': (tx, a) => rules.startReceiving(repo.sqliteClaimsStore(tx), a),
    'claims.setExpected': (tx, a) => rules.setExpected(repo.sqliteClaimsStore(tx), a),
    'claims.recordPallet': (tx, a) => rules.recordPallet(repo.sqliteClaimsStore(tx), a),
    'claims.removePallet': (tx, a) => rules.removePallet(repo.sqliteClaimsStore(tx), a),
    'claims.finishReceiving': (tx, a) => rules.finishReceiving(repo.sqliteClaimsStore(tx), a),
  };

  /**
   * One user change: the rule, its files and its outbox row in one transaction. The answer is made
   * inside the write, so a retry after a crash is answered exactly the same.
   */
  private async run<N extends ClaimsMutatorName, T extends Claim | Receipt, A = T>(
    name: N,
    args: ClaimsArgs<N>,
    ctx: CallContext,
    alsoIn?: (tx: Queryable, result: T) => Promise<void>,
    present: (result: T) => A = (r) => r as unknown as A,
  ): Promise<A> {
    const mutator = this.mutators[name] as unknown as (tx: Queryable, a: ClaimsArgs<N>) => Promise<T>;
    let changed: T | undefined;
    const answer = await this.deps.db.write(async (tx) => {
      const value = await mutator(tx, args);
      await alsoIn?.(tx, value);
      await recordMutation(tx, { name, args, actor: ctx.actor, userId: ctx.userId, at: args.at });
      changed = value;
      return present(value);
    });
    const isReceipt = 'pallets' in changed!;
    this.deps.onChanged({ claimIds: isReceipt ? [] : [changed!.id], receiptIds: isReceipt ? [changed!.id] : [] });
    return answer;
  }

  private runReceipt<N extends ClaimsMutatorName>(
    name: N,
    args: ClaimsArgs<N>,
    ctx: CallContext,
    alsoIn?: (tx: Queryable, result: Receipt) => Promise<void>,
  ): Promise<ReceiptView> {
    return this.run<N, Receipt, ReceiptView>(name, args, ctx, alsoIn, receiptView);
  }

  private async claim(id: string): Promise<Claim> {
    const claim = await repo.getClaim(this.deps.db, id);
    if (!claim) throw new AppError('not_found', 'That claim no longer exists. Refresh the list.', { claimId: id });
    return claim;
  }
}

export function receiptView(r: Receipt): ReceiptView {
  return { ...r, balance: receiptBalance(r.expected, r.pallets) };
}
