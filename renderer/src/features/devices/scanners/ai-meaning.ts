import type { MessageKey } from '../../../lib/i18n/en';

/**
 * The AIs an operator meets on pallets and parcels, in their language. Any other AI shows the
 * GS1 data title the parser gives (those are the standard English abbreviations on labels).
 */
const KNOWN: Readonly<Record<string, MessageKey>> = {
  '00': 'ai.00',
  '01': 'ai.01',
  '02': 'ai.02',
  '10': 'ai.10',
  '11': 'ai.11',
  '13': 'ai.13',
  '15': 'ai.15',
  '17': 'ai.17',
  '21': 'ai.21',
  '37': 'ai.37',
  '400': 'ai.400',
  '410': 'ai.410',
  '420': 'ai.420',
  '310': 'ai.310',
  '330': 'ai.330',
};

/** The message key for an AI's meaning, or null to show the parser's title. */
export function aiMeaningKey(ai: string): MessageKey | null {
  return KNOWN[ai] ?? (ai.length === 4 ? (KNOWN[ai.slice(0, 3)] ?? null) : null);
}

/** Scanned text made visible: GS (FNC1) as ‹GS›, other control characters as their code. */
export function visibleScan(raw: string): string {
  return raw.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\u001d' ? '‹GS›' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
