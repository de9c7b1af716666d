/**
 * The claim lifecycle as data: which status may follow which. Everything else (what a transition
 * needs: a denial reason, an amount, the filing day) is checked by the mutators.
 */
import type { ClaimStatus, ClaimType } from '../../contract/claims';
import type { ClaimKind } from './regimes';

export const CLAIM_TRANSITIONS: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  draft: ['filed', 'closed'],
  filed: ['acknowledged', 'under_review', 'approved', 'partially_approved', 'denied', 'closed'],
  acknowledged: ['under_review', 'approved', 'partially_approved', 'denied', 'closed'],
  under_review: ['approved', 'partially_approved', 'denied', 'closed'],
  approved: ['paid', 'closed'],
  partially_approved: ['paid', 'appealed', 'closed'],
  denied: ['appealed', 'closed'],
  appealed: ['under_review', 'approved', 'partially_approved', 'denied', 'closed'],
  paid: ['closed'],
  closed: [],
};

export function mayTransition(from: ClaimStatus, to: ClaimStatus): boolean {
  return CLAIM_TRANSITIONS[from].includes(to);
}

/** Open: still waiting for the carrier or for us (neither paid nor closed). */
export function isOpen(status: ClaimStatus): boolean {
  return status !== 'paid' && status !== 'closed';
}

/** The deadline calculator's kind for a claim type. */
export const KIND_OF_TYPE: Readonly<Record<ClaimType, ClaimKind>> = {
  damage_apparent: 'apparent-damage',
  damage_concealed: 'concealed-damage',
  loss_total: 'loss',
  loss_partial: 'shortage',
  shortage: 'shortage',
  delay: 'delay',
};
