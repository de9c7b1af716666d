import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import { CLAIM_STATUSES, type Claim, type ClaimStatus, type Receipt } from '../../contract/claims';
import { CLAIM_TRANSITIONS, mayTransition } from './lifecycle';
import * as rules from './mutators';
import type { ClaimsStore } from './store';

function memoryStore(): ClaimsStore & { claims: Map<string, Claim> } {
  const claims = new Map<string, Claim>();
  const receipts = new Map<string, Receipt>();
  return {
    claims,
    getClaim: async (id) => claims.get(id),
    putClaim: async (c) => void claims.set(c.id, JSON.parse(JSON.stringify(c)) as Claim),
    getReceipt: async (id) => receipts.get(id),
    receiptForAppointment: async (a) => [...receipts.values()].find((r) => r.appointmentId === a),
    putReceipt: async (r) => void receipts.set(r.id, JSON.parse(JSON.stringify(r)) as Receipt),
  };
}

const env: rules.ClaimsEnv = { holidays: () => () => false };
const ID = '2f1c7d36-5a0b-4a55-9d8e-0c4b1f6a7e21';
const stamp = { at: Date.UTC(2026, 3, 2, 9), by: 'Anna' };

async function draft(s: ClaimsStore): Promise<Claim> {
  return rules.createClaim(s, env, {
    resultId: ID,
    type: 'damage_apparent',
    carrierName: 'DSV Road',
    regime: 'cmr',
    country: 'SE',
    deliveredOn: '2026-04-01',
    shippedOn: null,
    shipmentRef: 'CMR-1',
    description: '',
    language: 'en',
    currency: 'SEK',
    lines: [{ description: 'Pallet of glassware', sscc: null, quantity: 2, unitValueMinor: 150_000 }],
    ssccs: [],
    wilful: false,
    appointmentId: null,
    receiptId: null,
    attachments: [],
    ...stamp,
  });
}

/** What each target status needs in the transition input to be accepted. */
const NEEDS: Partial<Record<ClaimStatus, object>> = {
  denied: { denialReason: 'insufficient_packaging' },
  partially_approved: { amountMinor: 100_000 },
  appealed: { note: 'The packaging met the shipper guidelines; photos attached.' },
  paid: { amountMinor: 100_000 },
};

function transition(s: ClaimsStore, to: ClaimStatus, extra: object = {}) {
  return rules.transitionClaim(s, env, { id: ID, to, on: '2026-04-02', note: '', acceptLateNotice: true, ...NEEDS[to], ...extra, ...stamp });
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('claim lifecycle', () => {
  it('every status is in the table and closed is final', () => {
    expect(Object.keys(CLAIM_TRANSITIONS).sort()).toEqual([...CLAIM_STATUSES].sort());
    expect(CLAIM_TRANSITIONS.closed).toEqual([]);
  });

  for (const from of CLAIM_STATUSES)
    it(`from ${from}: allows exactly its listed transitions and refuses the rest`, async () => {
      for (const to of CLAIM_STATUSES) {
        const s = memoryStore();
        const claim = await draft(s);
        await s.putClaim({ ...claim, status: from, approvedMinor: from === 'partially_approved' ? 100_000 : null });
        if (mayTransition(from, to)) {
          const next = await transition(s, to);
          expect(next.status, `${from} → ${to}`).toBe(to);
          expect(next.history.at(-1)).toMatchObject({ from, to, by: 'Anna', at: stamp.at });
        } else {
          const e = await refusal(transition(s, to));
          expect(e.code, `${from} → ${to}`).toBe('conflict');
          expect(e.details).toMatchObject({ reason: 'transition_not_allowed', from, to });
          expect(s.claims.get(ID)!.status).toBe(from);
        }
      }
    });

  it('a denial needs its reason, a partial approval and a payment their amounts, an appeal its answer', async () => {
    const s = memoryStore();
    await draft(s);
    await transition(s, 'filed');
    expect((await refusal(transition(s, 'denied', { denialReason: undefined }))).details).toMatchObject({
      reason: 'denial_reason_missing',
    });
    expect((await refusal(transition(s, 'partially_approved', { amountMinor: 300_000 }))).details).toMatchObject({
      reason: 'partial_amount',
    });
    const denied = await transition(s, 'denied', { note: 'Packaging' });
    expect(denied.denial).toEqual({ reason: 'insufficient_packaging', note: 'Packaging', on: '2026-04-02' });
    expect((await refusal(transition(s, 'appealed', { note: 'no' }))).details).toMatchObject({ reason: 'appeal_note' });
    await transition(s, 'appealed');
    await transition(s, 'approved');
    expect((await refusal(transition(s, 'paid', { amountMinor: 300_001 }))).details).toMatchObject({
      reason: 'paid_amount',
    });
    const paid = await transition(s, 'paid', { amountMinor: 300_000 });
    expect(paid).toMatchObject({ paidMinor: 300_000, approvedMinor: 300_000, filedOn: '2026-04-02' });
    expect(paid.history.map((h) => h.to)).toEqual(['draft', 'filed', 'denied', 'appealed', 'approved', 'paid']);
  });

  it('filing needs a claimed amount and warns when the notice deadline has passed', async () => {
    const s = memoryStore();
    const c = await draft(s);
    await s.putClaim({ ...c, lines: [], claimedMinor: 0 });
    expect((await refusal(transition(s, 'filed'))).details).toMatchObject({ reason: 'nothing_claimed' });
    await s.putClaim(c);
    // Apparent damage under CMR: reservations at delivery (1 April), filed on the 2nd.
    const late = await refusal(transition(s, 'filed', { on: '2026-04-02', acceptLateNotice: false }));
    expect(late.code).toBe('conflict');
    expect(late.details).toMatchObject({ reason: 'late_notice', deadline: { key: 'notice', date: '2026-04-01' } });
    expect(s.claims.get(ID)!.status).toBe('draft');
    expect((await transition(s, 'filed', { acceptLateNotice: true })).status).toBe('filed');
  });

  it('a filed claim is not edited; a transition before delivery is refused', async () => {
    const s = memoryStore();
    await draft(s);
    expect((await refusal(transition(s, 'filed', { on: '2026-03-30' }))).details).toMatchObject({
      reason: 'before_delivery',
    });
    await transition(s, 'filed', { on: '2026-04-01' });
    const e = await refusal(rules.updateClaim(s, env, { id: ID, carrierName: 'Other', ...stamp }));
    expect(e.details).toMatchObject({ reason: 'not_draft' });
  });
});
