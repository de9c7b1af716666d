import { GS1_CHARSET_82, lookupAi, type AiDefinition } from './ai-table';
import { hasValidCheckDigit } from './check-digit';

/** FNC1 as transmitted by a scanner: the ASCII group separator. */
export const GS = '\u001d';

export interface Gs1Date {
  year: number;
  month: number;
  /** Day of month; when the symbol said DD=00 this is the last day of the month. */
  day: number;
  /** The symbol carried DD=00 ("end of month"). */
  endOfMonth: boolean;
  /** YYYY-MM-DD */
  iso: string;
}

export interface Gs1Element {
  ai: string;
  title: string;
  /** The field value as encoded, separators removed. */
  value: string;
  date?: Gs1Date;
  /** For 310n–369n: the value with its implied decimals applied (`3103 001250` → 1.25). */
  measure?: number;
  decimals?: number;
}

export type Gs1ParseResult =
  | { ok: true; elements: Gs1Element[] }
  | { ok: false; reason: string; position: number; elements: Gs1Element[] };

export interface Gs1ParseOptions {
  /** Reference year for the GS1 two-digit-year sliding window; defaults to the current year. */
  referenceYear?: number;
}

const MAX_INPUT = 512;

/**
 * Parses a GS1 element string (FNC1 transmitted as GS, or the human-readable `(01)…(10)…` form).
 * Never throws: malformed data comes back as `{ ok: false, reason, position }` where `position`
 * is the offset in `input` where the problem was found.
 */
export function parseGs1(input: string, options: Gs1ParseOptions = {}): Gs1ParseResult {
  const elements: Gs1Element[] = [];
  const fail = (reason: string, position: number): Gs1ParseResult => ({
    ok: false,
    reason,
    position,
    elements,
  });
  if (input.length === 0) return fail('the scan is empty', 0);
  if (input.length > MAX_INPUT)
    return fail(`the scan is ${input.length} characters; a GS1 string is at most ${MAX_INPUT}`, MAX_INPUT);
  if (input[0] === '(') return parseBracketed(input, options);

  const refYear = options.referenceYear ?? new Date().getUTCFullYear();
  // A leading FNC1 is sometimes transmitted as GS; it carries no data.
  let pos = input[0] === GS ? 1 : 0;
  while (pos < input.length) {
    const def = lookupAi(input.slice(pos, pos + 4));
    if (!def) return fail(unknownAiReason(input, pos), pos);
    const start = pos + def.ai.length;
    let end: number;
    if (def.fixed) {
      end = start + def.maxLength;
      if (end > input.length) {
        return fail(
          `AI (${def.ai}) ${def.title} needs ${def.maxLength} characters but only ${input.length - start} remain`,
          start,
        );
      }
      const gsAt = input.indexOf(GS, start);
      if (gsAt !== -1 && gsAt < end) {
        return fail(
          `AI (${def.ai}) ${def.title} needs ${def.maxLength} characters but a separator comes after ${gsAt - start}`,
          gsAt,
        );
      }
    } else {
      const gsAt = input.indexOf(GS, start);
      end = gsAt === -1 ? input.length : gsAt;
      if (end - start > def.maxLength) {
        return fail(
          `AI (${def.ai}) ${def.title} is ${end - start} characters, at most ${def.maxLength} allowed: a GS separator may be missing after it`,
          start + def.maxLength,
        );
      }
    }
    const checked = checkValue(def, input.slice(start, end), refYear);
    if (typeof checked === 'string') return fail(checked, start);
    const previous = elements.find((e) => e.ai === checked.ai);
    if (previous && previous.value !== checked.value) {
      return fail(`AI (${def.ai}) appears twice with different values`, pos);
    }
    elements.push(checked);
    pos = end;
    // Separator after a field: required after variable-length fields, tolerated after fixed ones.
    if (input[pos] === GS) {
      pos += 1;
      if (pos === input.length && !def.fixed) break; // trailing GS after the last field: harmless
    }
  }
  return { ok: true, elements };
}

function unknownAiReason(input: string, pos: number): string {
  const head = input.slice(pos, pos + 4).replace(GS, '<GS>');
  if (!/^\d\d/.test(head))
    return `expected an application identifier (digits) at position ${pos}, found "${head}"`;
  return `unknown or unsupported application identifier starting "${head}" at position ${pos}`;
}

/** The `(01)12345678901231(10)ABC` form printed under barcodes and typed by people. */
function parseBracketed(input: string, options: Gs1ParseOptions): Gs1ParseResult {
  const parts: string[] = [];
  const re = /\((\d{2,4})\)([^()]*)/y;
  let pos = 0;
  while (pos < input.length) {
    re.lastIndex = pos;
    const m = re.exec(input);
    if (!m)
      return {
        ok: false,
        reason: `malformed bracketed GS1 text at position ${pos}`,
        position: pos,
        elements: [],
      };
    const ai = m[1] ?? '';
    const def = lookupAi(ai);
    if (!def || def.ai !== ai) {
      return {
        ok: false,
        reason: `unknown or unsupported application identifier (${ai})`,
        position: pos + 1,
        elements: [],
      };
    }
    parts.push(ai + (m[2] ?? ''));
    pos = re.lastIndex;
  }
  // Re-encode with separators after every field and reuse the one parser for the checks.
  return parseGs1(parts.join(GS), options);
}

function checkValue(def: AiDefinition, value: string, refYear: number): Gs1Element | string {
  const label = `AI (${def.ai}) ${def.title}`;
  if (value.length < def.minLength)
    return `${label} is ${value.length} characters, at least ${def.minLength} needed`;
  if (def.charset === 'N' && !/^\d*$/.test(value))
    return `${label} must be digits only, got "${printable(value)}"`;
  if (def.charset === 'X' && !GS1_CHARSET_82.test(value)) {
    return `${label} contains a character outside the GS1 character set: "${printable(value)}"`;
  }
  if (def.checkDigit && !hasValidCheckDigit(value)) return `${label} ${value} has a wrong check digit`;
  const element: Gs1Element = { ai: def.ai, title: def.title, value };
  if (def.kind === 'date') {
    const date = parseYymmdd(value, refYear);
    if (!date) return `${label} ${value} is not a valid YYMMDD date`;
    element.date = date;
  } else if (def.kind === 'measure') {
    const decimals = def.decimals ?? 0;
    element.decimals = decimals;
    element.measure = Number(value) / 10 ** decimals;
  } else if (def.kind === 'country-prefixed' && !/^\d{3}/.test(value)) {
    return `${label} must start with a 3-digit ISO country code`;
  }
  return element;
}

/** YYMMDD with the GS1 sliding century window and DD=00 meaning "last day of the month". */
export function parseYymmdd(value: string, referenceYear: number): Gs1Date | null {
  if (!/^\d{6}$/.test(value)) return null;
  const yy = Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const dd = Number(value.slice(4, 6));
  if (month < 1 || month > 12) return null;
  // GS1 GenSpecs 7.12: more than 50 years ahead means last century, 49+ behind means next.
  const century = Math.floor(referenceYear / 100) * 100;
  const diff = yy - (referenceYear % 100);
  const year = century + yy + (diff >= 51 ? -100 : diff <= -50 ? 100 : 0);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (dd > lastDay) return null;
  const day = dd === 0 ? lastDay : dd;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { year, month, day, endOfMonth: dd === 0, iso };
}

function printable(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return shown.replace(/[\u0000-\u001f\u007f]/g, (c) => `<${c.charCodeAt(0).toString(16).padStart(2, '0')}>`);
}

/** Joins elements into a scanner-style element string (GS after every variable-length field but the last). */
export function encodeGs1(elements: ReadonlyArray<{ ai: string; value: string }>): string {
  return elements
    .map((e, i) => {
      const def = lookupAi(e.ai);
      const last = i === elements.length - 1;
      return e.ai + e.value + (def && !def.fixed && !last ? GS : '');
    })
    .join('');
}
