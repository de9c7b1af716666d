/**
 * From spreadsheet rows to orders: guessing which column is which (English and Swedish headers),
 * and reading each row strictly — every problem becomes a row error naming the column, nothing
 * is silently defaulted except documented defaults (kind delivery, 10 service minutes).
 */
import {
  IMPORT_FIELDS,
  type ColumnMapping,
  type ImportErrorCode,
  type ImportField,
  type ImportRowError,
  type OrderKind,
} from '@shared/contract';
import { formatHhMm } from '@shared/domain/time';

export const DEFAULT_SERVICE_MIN = 10;

const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');

const FIELD_NAMES: Record<ImportField, string[]> = {
  reference: [
    'reference',
    'ref',
    'order',
    'orderno',
    'ordernr',
    'ordernumber',
    'orderid',
    'referens',
    'ordernummer',
    'id',
  ],
  customer: [
    'customer',
    'customername',
    'name',
    'kund',
    'kundnamn',
    'recipient',
    'mottagare',
    'company',
    'foretag',
    'namn',
  ],
  address: ['address', 'adress', 'street', 'gatuadress', 'addr', 'deliveryaddress', 'leveransadress'],
  lat: ['lat', 'latitude', 'latitud', 'y'],
  lon: ['lon', 'lng', 'long', 'longitude', 'longitud', 'x'],
  kind: ['kind', 'type', 'typ', 'stoptype'],
  serviceMin: [
    'service',
    'servicemin',
    'servicetime',
    'servicetid',
    'stopptid',
    'lossningstid',
    'minutes',
    'min',
  ],
  windowStart: [
    'from',
    'windowstart',
    'start',
    'earliest',
    'tidfran',
    'fran',
    'twstart',
    'timefrom',
    'opens',
    'fromtime',
  ],
  windowEnd: ['to', 'windowend', 'end', 'latest', 'tidtill', 'till', 'twend', 'timeto', 'closes', 'totime'],
  window2Start: ['from2', 'windowstart2', 'window2start', 'start2', 'fran2'],
  window2End: ['to2', 'windowend2', 'window2end', 'end2', 'till2'],
  demand: ['demand', 'load', 'last', 'goods', 'gods', 'quantity', 'antal'],
  skills: ['skills', 'requirements', 'krav', 'needs', 'equipment', 'utrustning'],
  priority: ['priority', 'prio', 'prioritet'],
  pairReference: [
    'pair',
    'pairwith',
    'pairreference',
    'paired',
    'pickupfor',
    'deliveryfor',
    'par',
    'koppladtill',
  ],
  phone: ['phone', 'telephone', 'tel', 'telefon', 'mobile', 'mobil'],
  notes: ['notes', 'note', 'comment', 'comments', 'kommentar', 'anteckning', 'anteckningar', 'info'],
};

/** Words people use for the default dimensions, in headers and after numbers ("120 kg"). */
const DIMENSION_WORDS: Record<string, string[]> = {
  kg: ['kg', 'kilo', 'kilos', 'weight', 'weightkg', 'vikt', 'viktkg'],
  m3: ['m3', 'm³', 'cbm', 'volume', 'volumem3', 'volym', 'volymm3', 'kubik'],
  pallets: ['pallets', 'pallet', 'pall', 'pallar', 'plt', 'eur', 'eurpall', 'eurpallets'],
};

export function dimensionWords(dim: string): string[] {
  return [dim, ...(DIMENSION_WORDS[dim] ?? [])].map(norm);
}

export function suggestMapping(columns: string[], dimensions: string[]): ColumnMapping {
  const fields: ColumnMapping['fields'] = {};
  const dims: Record<string, string> = {};
  const used = new Set<string>();
  const claim = (col: string) => {
    used.add(col);
    return col;
  };
  for (const d of dimensions) {
    const words = dimensionWords(d);
    const col = columns.find(
      (c) =>
        !used.has(c) && (words.includes(norm(c)) || words.some((w) => w.length > 2 && norm(c).includes(w))),
    );
    if (col) dims[d] = claim(col);
  }
  for (const f of IMPORT_FIELDS) {
    const names = FIELD_NAMES[f];
    const col = columns.find((c) => !used.has(c) && names.includes(norm(c)));
    if (col) fields[f] = claim(col);
  }
  return { fields, dimensions: dims };
}

/** A number as people type it: `1,5`, `1.5`, `1 234,5`, `1.234,5`, `1,234.5`. */
export function parseNumber(raw: string): number | null {
  let s = raw.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (s === '') return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    s = s
      .split(decimal === ',' ? '.' : ',')
      .join('')
      .replace(',', '.');
  } else if (lastComma >= 0) {
    s = s.replace(',', '.');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** `9`, `09:00`, `9.30`, `0930`, `2026-11-23 09:00`, or an Excel day fraction (`0.375`) → minutes. */
export function parseTimeOfDay(raw: string): number | null {
  const s = raw.trim();
  if (s === '') return null;
  const dt = /^\d{4}-\d{2}-\d{2}[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (dt) return hm(Number(dt[1]), Number(dt[2]));
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?$/.exec(s) ?? /^(\d{2})(\d{2})$/.exec(s);
  if (m) return hm(Number(m[1]), Number(m[2] ?? 0));
  const f = parseNumber(s);
  if (f !== null && f > 0 && f < 1) return Math.round(f * 1440);
  if (f === 1) return 1440;
  return null;
}

function hm(h: number, m: number): number | null {
  if (h === 24 && m === 0) return 1440;
  return h >= 0 && h < 24 && m >= 0 && m < 60 ? h * 60 + m : null;
}

function parseKind(raw: string): OrderKind | null {
  const s = norm(raw);
  if (s === '' || ['delivery', 'deliver', 'd', 'leverans', 'lev', 'drop', 'dropoff'].includes(s))
    return 'delivery';
  if (['pickup', 'p', 'collect', 'collection', 'hamtning', 'hamta', 'upphamtning'].includes(s))
    return 'pickup';
  return null;
}

export interface RowOrder {
  reference: string;
  customer: string;
  address: string;
  lat: number | null;
  lon: number | null;
  kind: OrderKind;
  serviceMin: number;
  timeWindows: { from: string; to: string }[];
  demand: Record<string, number>;
  skills: string[];
  priority: number;
  pairReference: string;
  phone: string;
  notes: string;
}

export interface RowResult {
  row: number;
  values: Record<string, string>;
  order: RowOrder | null;
  errors: ImportRowError[];
}

const MAX_LEN: Partial<Record<ImportField, number>> = {
  reference: 60,
  customer: 120,
  address: 200,
  phone: 40,
  notes: 500,
  pairReference: 60,
};

/** Reads one row under a mapping; coordinates may still be filled in later from known addresses. */
export function readRow(
  row: number,
  values: Record<string, string>,
  mapping: ColumnMapping,
  dimensions: string[],
): RowResult {
  const errors: ImportRowError[] = [];
  const err = (column: string | undefined, message: string, code: ImportErrorCode, value?: string) =>
    errors.push({
      row,
      ...(column ? { column } : {}),
      message,
      code,
      ...(value !== undefined ? { value } : {}),
    });
  const cell = (f: ImportField) => {
    const col = mapping.fields[f];
    const v = col === undefined ? '' : (values[col] ?? '').trim();
    const max = MAX_LEN[f];
    if (max && v.length > max) {
      err(col, `${col} is longer than ${max} characters`, 'too_long');
      return v.slice(0, max);
    }
    return v;
  };
  const num = (f: ImportField, opts: { min: number; max: number; int?: boolean }): number | null => {
    const raw = cell(f);
    if (raw === '') return null;
    const n = parseNumber(raw);
    const col = mapping.fields[f];
    if (n === null) return (err(col, `${col}: "${raw}" is not a number`, 'not_a_number', raw), null);
    if (n < opts.min || n > opts.max)
      return (err(col, `${col}: ${raw} is outside ${opts.min}–${opts.max}`, 'out_of_range', raw), null);
    return opts.int ? Math.round(n) : n;
  };

  const reference = cell('reference');
  if (!reference) err(mapping.fields.reference, 'The order reference is missing', 'missing_reference');
  const address = cell('address');
  const customer = cell('customer') || address || reference;
  const lat = num('lat', { min: -90, max: 90 });
  const lon = num('lon', { min: -180, max: 180 });
  if ((lat === null) !== (lon === null) && !errors.length)
    err(
      mapping.fields.lat ?? mapping.fields.lon,
      'Give both latitude and longitude, or neither',
      'partial_coordinates',
    );
  if (lat === 0 && lon === 0)
    err(mapping.fields.lat, 'Coordinates 0,0 look like a failed address lookup', 'null_island');
  const kindRaw = cell('kind');
  const kind = parseKind(kindRaw);
  if (!kind)
    err(
      mapping.fields.kind,
      `${mapping.fields.kind}: "${kindRaw}" is neither delivery nor pickup`,
      'bad_kind',
      kindRaw,
    );
  const serviceMin = num('serviceMin', { min: 0, max: 480, int: true }) ?? DEFAULT_SERVICE_MIN;

  const timeWindows: { from: string; to: string }[] = [];
  for (const [sf, ef] of [
    ['windowStart', 'windowEnd'],
    ['window2Start', 'window2End'],
  ] as const) {
    const sRaw = cell(sf);
    const eRaw = cell(ef);
    if (!sRaw && !eRaw) continue;
    const s = sRaw ? parseTimeOfDay(sRaw) : 0;
    const e = eRaw ? parseTimeOfDay(eRaw) : 1440;
    if (s === null)
      err(mapping.fields[sf], `${mapping.fields[sf]}: "${sRaw}" is not a time of day`, 'bad_time', sRaw);
    if (e === null)
      err(mapping.fields[ef], `${mapping.fields[ef]}: "${eRaw}" is not a time of day`, 'bad_time', eRaw);
    if (s === null || e === null) continue;
    if (e <= s) {
      err(
        mapping.fields[ef],
        `The time window ends before it starts (${formatHhMm(s)}–${formatHhMm(e)})`,
        'window_order',
        `${formatHhMm(s)}–${formatHhMm(e)}`,
      );
      continue;
    }
    timeWindows.push({ from: formatHhMm(s), to: formatHhMm(e) });
  }

  const demand: Record<string, number> = {};
  for (const [dim, col] of Object.entries(mapping.dimensions)) {
    const raw = (values[col] ?? '').trim();
    if (raw === '') continue;
    if (!dimensions.includes(dim)) {
      err(
        col,
        `Demand in undeclared dimension "${dim}"; this site uses ${dimensions.join(', ')}`,
        'undeclared_dimension',
        dim,
      );
      continue;
    }
    const n = parseNumber(raw);
    if (n === null) err(col, `${col}: "${raw}" is not a number`, 'not_a_number', raw);
    else if (n < 0 || n > 1_000_000) err(col, `${col}: ${raw} is outside 0–1000000`, 'out_of_range', raw);
    else demand[dim] = (demand[dim] ?? 0) + n;
  }
  const demandText = cell('demand');
  if (demandText)
    readDemandText(demandText, dimensions, demand, (m, code, value) =>
      err(mapping.fields.demand, m, code, value),
    );

  const skillsRaw = cell('skills');
  const skills = [
    ...new Set(
      skillsRaw
        .split(/[,;|/]+/)
        .map((s) => s.trim().toLowerCase().replace(/\s+/g, '_'))
        .filter(Boolean),
    ),
  ];
  if (skills.some((s) => s.length > 32))
    err(mapping.fields.skills, 'A skill name is longer than 32 characters', 'too_long');
  const priority = num('priority', { min: 0, max: 100, int: true }) ?? 0;

  const order: RowOrder = {
    reference,
    customer: customer.slice(0, 120),
    address,
    lat,
    lon,
    kind: kind ?? 'delivery',
    serviceMin,
    timeWindows,
    demand,
    skills,
    priority,
    pairReference: cell('pairReference'),
    phone: cell('phone'),
    notes: cell('notes'),
  };
  return { row, values, order: errors.length ? null : order, errors };
}

/** "120 kg, 2 pallets" / "1,5 m3 + 3 pall" → amounts; a unit that is not a declared dimension is an error. */
function readDemandText(
  text: string,
  dimensions: string[],
  into: Record<string, number>,
  err: (m: string, code: ImportErrorCode, value?: string) => void,
): void {
  const re = /([-+]?\d[\d\s\u00a0]*(?:[.,]\d+)?)\s*([\p{L}³][\p{L}\p{N}³]*)/gu;
  let matched = '';
  for (const m of text.matchAll(re)) {
    matched += m[0];
    const n = parseNumber(m[1]!);
    const unit = norm(m[2]!) || m[2]!;
    const dim = dimensions.find((d) => dimensionWords(d).includes(unit));
    if (!dim) {
      err(
        `Demand in undeclared dimension "${m[2]}"; this site uses ${dimensions.join(', ')}`,
        'undeclared_dimension',
        m[2]!,
      );
      continue;
    }
    if (n === null || n < 0 || n > 1_000_000) {
      err(`"${m[1]!.trim()} ${m[2]}" is not a valid amount`, 'bad_demand', m[0]);
      continue;
    }
    into[dim] = (into[dim] ?? 0) + n;
  }
  const rest = text.replace(re, '').replace(/[\s,;+&]/g, '');
  if (rest !== '' || matched === '')
    err(`Cannot read the demand "${text}"; write it like "120 kg, 2 pallets"`, 'bad_demand', text);
}
