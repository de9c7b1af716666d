import { parseNumber } from '../../../lib/format';

/** Text boxes to command values and back, shared by the settings form and the fleet dialogs. */

/** `"cold_chain, tail_lift"` → `['cold_chain', 'tail_lift']` (trimmed, no blanks, no repeats). */
export function parseList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function listText(items: readonly string[]): string {
  return items.join(', ');
}

export { numberText, parseNumber } from '../../../lib/format';

/**
 * Capacity boxes per declared dimension → amounts. An empty box means no limit in that
 * dimension and is left out; returns the first dimension that is not a number, if any.
 */
export function parseAmounts(
  texts: Record<string, string>,
  dimensions: readonly string[],
  locale: string,
): { amounts: Record<string, number>; bad?: string } {
  const amounts: Record<string, number> = {};
  for (const d of dimensions) {
    const n = parseNumber(texts[d] ?? '', locale);
    if (n === null) continue;
    if (Number.isNaN(n)) return { amounts, bad: d };
    amounts[d] = n;
  }
  return { amounts };
}

/** Only the keys whose value differs from `current` (deep for plain objects and arrays). */
export function changedFields<T extends object>(current: T, next: T): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) patch[key] = next[key];
  }
  return patch;
}
