/**
 * Claim regimes as data: for each kind of claim, which deadlines run, from which day, how they
 * are counted, and where that is written. `status: 'verify'` marks a rule taken from a secondary
 * source (a reseller's or insurer's copy of the terms) that we could not read in the carrier's own
 * current terms: the claim screen shows it with "verify against your contract".
 *
 * Sources:
 * - CMR: Convention on the Contract for the International Carriage of Goods by Road, Geneva,
 *   19 May 1956, arts. 20, 30 and 32 (UNECE treaty text).
 * - Carmack: 49 U.S.C. § 14706(e) (claim no less than 9 months, suit no less than 2 years from
 *   written disallowance) and 49 CFR Part 370 (§ 370.5 acknowledge within 30 days of receipt,
 *   § 370.9 pay, decline or offer a compromise within 120 days of receipt).
 * - Montreal: Convention for the Unification of Certain Rules for International Carriage by Air,
 *   Montreal, 28 May 1999, arts. 31 (complaints), 35 (two years) and 52 ("days" are calendar days).
 * - NSAB 2015: General Conditions of the Nordic Association of Freight Forwarders, § 28 (claims
 *   time-barred after one year). PostNord Sverige's "Special terms and conditions for parcels"
 *   apply NSAB 2015; DB Schenker's Nordic terms and Bring's freight terms refer to NSAB too.
 *   The 7-day notice of non-apparent damage is read from insurers' summaries (If P&C "Summary of
 *   time limits for notice of loss"), not from the NSAB text itself: verify.
 * - DHL Express: "All claims must be submitted in writing to DHL within thirty (30) days of the
 *   date that DHL accepted the Shipment" (DHL Express Terms and Conditions of Carriage, claims
 *   section, and DHL Express' claims FAQ).
 * - FedEx: FedEx Service Guide, international claims: notice of damage (visible or concealed),
 *   delay or shortage within 21 calendar days after delivery; other claims (non-delivery) within
 *   9 months after FedEx accepts the shipment (read from copies of the terms: verify).
 * - UPS: claims for loss or damage within 60 days of (scheduled) delivery (read from UPS's help
 *   pages as quoted by third parties; the UPS Terms and Conditions of Carriage for the shipper's
 *   country decide: verify).
 */

export const CLAIM_KINDS = ['apparent-damage', 'concealed-damage', 'loss', 'shortage', 'delay'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const DEADLINE_KEYS = ['notice', 'claim', 'carrierAcknowledge', 'carrierDecision', 'limitation'] as const;
export type DeadlineKey = (typeof DEADLINE_KEYS)[number];

/** The day a period runs from. `agreedDelivery` is the delivered day when nothing arrived (loss). */
export type Anchor = 'delivered' | 'shipped' | 'filed' | 'disallowed';

export interface Period {
  from: Anchor;
  /** Days added to the anchor before the period itself (CMR art. 32(1)(b): "the thirtieth day after"). */
  offsetDays?: number;
  amount: number;
  unit: 'days' | 'months' | 'years';
  /** How days are counted; calendar unless the text says otherwise. */
  counting?: 'calendar' | 'except-sundays-and-holidays';
  /** The amount instead when the carrier's wilful misconduct is alleged (CMR art. 32(1): 3 years). */
  wilfulAmount?: number;
  /** Where it is written, shown next to the date. */
  source: string;
  status?: 'confirmed' | 'verify';
}

export type KindRules = Partial<Record<DeadlineKey, Period>>;

export interface Regime {
  id: string;
  name: string;
  mode: 'road' | 'air' | 'parcel' | 'freight-forwarding';
  /** Notes shown with every computation under this regime. */
  notes: string[];
  kinds: Record<ClaimKind, KindRules>;
}

const CMR = 'CMR (Geneva 1956)';
const cmrReservationAtDelivery: Period = {
  from: 'delivered',
  amount: 0,
  unit: 'days',
  source: `${CMR} art. 30(1): apparent loss or damage — reservations at the time of delivery`,
};
const cmrLimitation: Period = {
  from: 'delivered',
  amount: 1,
  wilfulAmount: 3,
  unit: 'years',
  source: `${CMR} art. 32(1)(a): one year from delivery (three years for wilful misconduct); a written claim suspends it, art. 32(2)`,
};

const cmr: Regime = {
  id: 'cmr',
  name: 'CMR (international road carriage)',
  mode: 'road',
  notes: [
    `${CMR} art. 32(1): wilful misconduct — limitation three years instead of one`,
    `${CMR} art. 32(2): a written claim suspends the limitation until the carrier rejects it in writing`,
  ],
  kinds: {
    'apparent-damage': { notice: cmrReservationAtDelivery, limitation: cmrLimitation },
    shortage: { notice: cmrReservationAtDelivery, limitation: cmrLimitation },
    'concealed-damage': {
      notice: {
        from: 'delivered',
        amount: 7,
        unit: 'days',
        counting: 'except-sundays-and-holidays',
        source: `${CMR} art. 30(1): loss or damage not apparent — written reservations within 7 days of delivery, Sundays and public holidays excepted`,
      },
      limitation: cmrLimitation,
    },
    delay: {
      notice: {
        from: 'delivered',
        amount: 21,
        unit: 'days',
        source: `${CMR} art. 30(3): delay — reservation in writing within 21 days from the goods being placed at the consignee's disposal`,
      },
      limitation: cmrLimitation,
    },
    loss: {
      limitation: {
        from: 'delivered',
        offsetDays: 30,
        amount: 1,
        wilfulAmount: 3,
        unit: 'years',
        source: `${CMR} art. 32(1)(b): total loss — one year from the 30th day after the agreed time-limit for delivery (enter that day as "delivered")`,
      },
    },
  },
};

const CARMACK = '49 U.S.C. § 14706';
const carmackClaim: Period = {
  from: 'delivered',
  amount: 9,
  unit: 'months',
  source: `${CARMACK}(e)(1): the claim may not be required in less than 9 months from delivery (for loss: from the reasonable delivery day)`,
};
const carmackRest: KindRules = {
  claim: carmackClaim,
  carrierAcknowledge: {
    from: 'filed',
    amount: 30,
    unit: 'days',
    source: '49 CFR § 370.5: the carrier acknowledges a claim within 30 days of receiving it',
  },
  carrierDecision: {
    from: 'filed',
    amount: 120,
    unit: 'days',
    source: '49 CFR § 370.9: the carrier pays, declines or offers a compromise within 120 days of receiving it',
  },
  limitation: {
    from: 'disallowed',
    amount: 2,
    unit: 'years',
    source: `${CARMACK}(e)(1): a civil action within 2 years from the carrier's written notice of disallowance`,
  },
};
const carmack: Regime = {
  id: 'carmack',
  name: 'Carmack (US motor carriage)',
  mode: 'road',
  notes: ['Carmack sets minimums: the bill of lading or tariff may give longer periods, never shorter'],
  kinds: {
    'apparent-damage': carmackRest,
    'concealed-damage': carmackRest,
    loss: carmackRest,
    shortage: carmackRest,
    delay: carmackRest,
  },
};

const MC = 'Montreal Convention (1999)';
const mcDamage: Period = {
  from: 'delivered',
  amount: 14,
  unit: 'days',
  source: `${MC} art. 31(2): damage — complaint at the latest within 14 days from receipt of the cargo (art. 52: calendar days)`,
};
const mcLimitation: Period = {
  from: 'delivered',
  amount: 2,
  unit: 'years',
  source: `${MC} art. 35(1): action within 2 years from arrival at destination (or the day the aircraft ought to have arrived)`,
};
const montreal: Regime = {
  id: 'montreal',
  name: 'Montreal Convention (international air cargo)',
  mode: 'air',
  notes: [`${MC} art. 52: "days" are calendar days, not working days`],
  kinds: {
    'apparent-damage': { notice: mcDamage, limitation: mcLimitation },
    'concealed-damage': { notice: mcDamage, limitation: mcLimitation },
    shortage: {
      notice: { ...mcDamage, source: `${mcDamage.source}; partial loss is treated as damage by most courts`, status: 'verify' },
      limitation: mcLimitation,
    },
    delay: {
      notice: {
        from: 'delivered',
        amount: 21,
        unit: 'days',
        source: `${MC} art. 31(2): delay — complaint within 21 days from the cargo being placed at the person's disposal`,
      },
      limitation: mcLimitation,
    },
    loss: { limitation: mcLimitation },
  },
};

const NSAB = 'NSAB 2015';
function nsabRegime(id: string, name: string, terms: string): Regime {
  const atDelivery: Period = {
    from: 'delivered',
    amount: 0,
    unit: 'days',
    source: `${terms} with ${NSAB}: apparent loss or damage noted on the delivery receipt at delivery`,
    status: 'verify',
  };
  const limitation: Period = {
    from: 'delivered',
    amount: 1,
    unit: 'years',
    source: `${terms} with ${NSAB} § 28: claims are time-barred one year after delivery`,
    status: 'verify',
  };
  return {
    id,
    name,
    mode: 'parcel',
    notes: [`${terms}: international road shipments are under CMR whatever the terms say (CMR art. 41)`],
    kinds: {
      'apparent-damage': { notice: atDelivery, limitation },
      shortage: { notice: atDelivery, limitation },
      'concealed-damage': {
        notice: {
          from: 'delivered',
          amount: 7,
          unit: 'days',
          source: `${terms} with ${NSAB}: non-apparent damage notified within 7 days of delivery`,
          status: 'verify',
        },
        limitation,
      },
      delay: { limitation },
      loss: { limitation },
    },
  };
}

const dhlClaim: Period = {
  from: 'shipped',
  amount: 30,
  unit: 'days',
  source: 'DHL Express Terms and Conditions of Carriage (claims): in writing within 30 days of the date DHL accepted the shipment',
};
const dhl: Regime = {
  id: 'dhl',
  name: 'DHL Express',
  mode: 'parcel',
  notes: ['DHL Express counts from the day it accepted the shipment: enter the shipping day'],
  kinds: {
    'apparent-damage': { claim: dhlClaim },
    'concealed-damage': { claim: dhlClaim },
    loss: { claim: dhlClaim },
    shortage: { claim: dhlClaim },
    delay: {},
  },
};

const fedexNotice: Period = {
  from: 'delivered',
  amount: 21,
  unit: 'days',
  source: 'FedEx Service Guide (international): notice of damage, delay or shortage within 21 calendar days after delivery',
  status: 'verify',
};
const fedexDocuments: Period = {
  from: 'shipped',
  amount: 9,
  unit: 'months',
  source: 'FedEx Service Guide (international): written documentation of every claim within 9 months after FedEx accepts the shipment',
  status: 'verify',
};
const fedex: Regime = {
  id: 'fedex',
  name: 'FedEx (international)',
  mode: 'parcel',
  notes: ['US domestic FedEx shipments have 60 days for damage: verify against the service guide that applies'],
  kinds: {
    'apparent-damage': { notice: fedexNotice, claim: fedexDocuments },
    'concealed-damage': { notice: fedexNotice, claim: fedexDocuments },
    shortage: { notice: fedexNotice, claim: fedexDocuments },
    delay: { notice: fedexNotice, claim: fedexDocuments },
    loss: {
      notice: {
        ...fedexDocuments,
        source: 'FedEx Service Guide (international): notice of non-delivery within 9 months after FedEx accepts the shipment',
      },
      claim: fedexDocuments,
    },
  },
};

const upsClaim: Period = {
  from: 'delivered',
  amount: 60,
  unit: 'days',
  source: "UPS claims help: loss or damage reported within 60 days of (scheduled) delivery; the UPS Terms and Conditions of Carriage of the shipper's country decide",
  status: 'verify',
};
const ups: Regime = {
  id: 'ups',
  name: 'UPS',
  mode: 'parcel',
  notes: ['For a lost parcel enter the scheduled delivery day as "delivered"'],
  kinds: {
    'apparent-damage': { claim: upsClaim },
    'concealed-damage': { claim: upsClaim },
    loss: { claim: upsClaim },
    shortage: { claim: upsClaim },
    delay: {},
  },
};

export const REGIMES: readonly Regime[] = [
  cmr,
  carmack,
  montreal,
  nsabRegime('postnord', 'PostNord', 'PostNord Sverige, Special terms and conditions for parcels'),
  nsabRegime('bring', 'Bring', 'Bring (Posten Bring) freight terms'),
  nsabRegime('dbschenker', 'DB Schenker', 'DB Schenker Nordic transport terms'),
  dhl,
  ups,
  fedex,
];

export const REGIME_IDS = REGIMES.map((r) => r.id);

export function regimeById(id: string): Regime | undefined {
  return REGIMES.find((r) => r.id === id);
}
