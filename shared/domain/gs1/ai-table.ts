/**
 * The GS1 Application Identifiers Loadstar understands. An AI not listed here is reported as
 * unknown rather than guessed at: guessing its length could silently misread every field after it.
 */
export type AiKind = 'plain' | 'date' | 'measure' | 'country-prefixed';

export interface AiDefinition {
  ai: string;
  title: string;
  /** N = digits only; X = the GS1 82-character set. */
  charset: 'N' | 'X';
  minLength: number;
  maxLength: number;
  /** Predefined length: the AI's first two digits are in the GS1 predefined-length table. */
  fixed: boolean;
  kind: AiKind;
  /** Last digit is a mod-10 check digit (SSCC, GTIN, GLN). */
  checkDigit: boolean;
  /** For measures (310n–369n): digits after the implied decimal point. */
  decimals?: number;
}

/**
 * GS1 General Specifications, figure "element strings with predefined length using AIs": only
 * AIs starting with these two digits may omit the FNC1 separator. Value = total length incl. AI.
 */
export const PREDEFINED_LENGTH_PREFIXES: Readonly<Record<string, number>> = {
  '00': 20,
  '01': 16,
  '02': 16,
  '03': 16,
  '04': 18,
  '11': 8,
  '12': 8,
  '13': 8,
  '14': 8,
  '15': 8,
  '16': 8,
  '17': 8,
  '18': 8,
  '19': 8,
  '20': 4,
  '31': 10,
  '32': 10,
  '33': 10,
  '34': 10,
  '35': 10,
  '36': 10,
  '41': 16,
};

function def(
  ai: string,
  title: string,
  charset: 'N' | 'X',
  min: number,
  max: number,
  extra: Partial<AiDefinition> = {},
): AiDefinition {
  return {
    ai,
    title,
    charset,
    minLength: min,
    maxLength: max,
    fixed: ai.slice(0, 2) in PREDEFINED_LENGTH_PREFIXES,
    kind: 'plain',
    checkDigit: false,
    ...extra,
  };
}

const date = (ai: string, title: string): AiDefinition => def(ai, title, 'N', 6, 6, { kind: 'date' });

const STATIC: AiDefinition[] = [
  def('00', 'SSCC', 'N', 18, 18, { checkDigit: true }),
  def('01', 'GTIN', 'N', 14, 14, { checkDigit: true }),
  def('02', 'CONTENT', 'N', 14, 14, { checkDigit: true }),
  def('10', 'BATCH/LOT', 'X', 1, 20),
  date('11', 'PROD DATE'),
  date('12', 'DUE DATE'),
  date('13', 'PACK DATE'),
  date('15', 'BEST BEFORE'),
  date('16', 'SELL BY'),
  date('17', 'USE BY'),
  def('20', 'VARIANT', 'N', 2, 2),
  def('21', 'SERIAL', 'X', 1, 20),
  def('22', 'CPV', 'X', 1, 20),
  def('240', 'ADDITIONAL ID', 'X', 1, 30),
  def('241', 'CUST. PART No.', 'X', 1, 30),
  def('250', 'SECONDARY SERIAL', 'X', 1, 30),
  def('30', 'VAR. COUNT', 'N', 1, 8),
  def('37', 'COUNT', 'N', 1, 8),
  def('400', 'ORDER NUMBER', 'X', 1, 30),
  def('401', 'GINC', 'X', 1, 30),
  def('402', 'GSIN', 'N', 17, 17, { checkDigit: true }),
  def('403', 'ROUTE', 'X', 1, 30),
  def('410', 'SHIP TO LOC', 'N', 13, 13, { checkDigit: true }),
  def('411', 'BILL TO', 'N', 13, 13, { checkDigit: true }),
  def('412', 'PURCHASE FROM', 'N', 13, 13, { checkDigit: true }),
  def('413', 'SHIP FOR LOC', 'N', 13, 13, { checkDigit: true }),
  def('414', 'LOC No.', 'N', 13, 13, { checkDigit: true }),
  def('415', 'PAY TO', 'N', 13, 13, { checkDigit: true }),
  def('416', 'PROD/SERV LOC', 'N', 13, 13, { checkDigit: true }),
  def('417', 'PARTY', 'N', 13, 13, { checkDigit: true }),
  def('420', 'SHIP TO POST', 'X', 1, 20),
  def('421', 'SHIP TO POST', 'X', 4, 12, { kind: 'country-prefixed' }),
  def('422', 'ORIGIN', 'N', 3, 3),
];

/** 310n–369n families: the 4th digit n is the number of decimals (0–5 used in practice). */
const MEASURE_TITLES: Readonly<Record<string, string>> = {
  '310': 'NET WEIGHT (kg)',
  '311': 'LENGTH (m)',
  '312': 'WIDTH (m)',
  '313': 'HEIGHT (m)',
  '314': 'AREA (m2)',
  '315': 'NET VOLUME (l)',
  '316': 'NET VOLUME (m3)',
  '320': 'NET WEIGHT (lb)',
  '330': 'GROSS WEIGHT (kg)',
  '331': 'LENGTH (m), log',
  '332': 'WIDTH (m), log',
  '333': 'HEIGHT (m), log',
  '334': 'AREA (m2), log',
  '335': 'VOLUME (l), log',
  '336': 'VOLUME (m3), log',
  '340': 'GROSS WEIGHT (lb)',
};

const BY_AI = new Map(STATIC.map((d) => [d.ai, d]));

/**
 * Looks up the AI at the start of `digits` (AIs are prefix-free, so at most one matches).
 * Returns null when none of the 2-, 3- or 4-digit prefixes is a known AI.
 */
export function lookupAi(digits: string): AiDefinition | null {
  for (const len of [2, 3]) {
    const found = BY_AI.get(digits.slice(0, len));
    if (found && digits.length >= len) return found;
  }
  if (/^3[1-6]\d\d/.test(digits)) {
    const family = digits.slice(0, 3);
    const n = Number(digits[3]);
    if (n > 5) return null;
    const title = MEASURE_TITLES[family] ?? `MEASURE (${family}n)`;
    return def(digits.slice(0, 4), title, 'N', 6, 6, { kind: 'measure', decimals: n });
  }
  return null;
}

/** GS1 AI encodable character set 82 (the only characters allowed in X fields). */
export const GS1_CHARSET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
