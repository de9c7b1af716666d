import type { Claim, Receipt } from '../../contract/claims';

/**
 * What the claim rules need from storage: core implements it on its SQLite file, the sync server
 * on its entity rows; the rules in `mutators.ts` run unchanged on both.
 */
export interface ClaimsStore {
  getClaim(id: string): Promise<Claim | undefined>;
  putClaim(claim: Claim): Promise<void>;
  getReceipt(id: string): Promise<Receipt | undefined>;
  /** The receipt of an appointment, if receiving has started. */
  receiptForAppointment(appointmentId: string): Promise<Receipt | undefined>;
  putReceipt(receipt: Receipt): Promise<void>;
}
