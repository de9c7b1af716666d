import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands, COMMAND_NAMES, MAX_FRAME_BYTES, utf8Length, type CommandName } from './index';

type Schema = Record<string, unknown> & { $ref?: string };

/**
 * The longest string an anchored pattern matches, for the simple patterns the contract uses
 * (classes, escapes, groups, alternation, bounded quantifiers); Infinity when it is unbounded.
 */
export function patternMaxLength(pattern: string): number {
  let i = 0;
  const alternation = (): { len: number; anchored: boolean } => {
    let best = 0;
    let anchored = true;
    for (;;) {
      const seq = sequence();
      best = Math.max(best, seq.len);
      anchored &&= seq.anchored;
      if (pattern[i] !== '|') return { len: best, anchored };
      i++;
    }
  };
  const sequence = (): { len: number; anchored: boolean } => {
    let len = 0;
    let start = false;
    let end = false;
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      const c = pattern[i]!;
      let atom: number;
      if (c === '^') {
        start = true;
        i++;
        continue;
      } else if (c === '$') {
        end = true;
        i++;
        continue;
      } else if (c === '(') {
        i++;
        if (pattern.startsWith('?:', i)) i += 2;
        atom = alternation().len;
        i++; // ')'
      } else if (c === '[') {
        i = pattern.indexOf(']', i + 2) + 1;
        atom = 1;
      } else if (c === '\\') {
        i += 2;
        atom = 1;
      } else if (c === '.') {
        i++;
        atom = 1;
      } else {
        i++;
        atom = 1;
      }
      const q = pattern[i];
      if (q === '*' || q === '+') return { len: Infinity, anchored: false };
      if (q === '?') {
        i++;
      } else if (q === '{') {
        const close = pattern.indexOf('}', i);
        const [lo, hi] = pattern.slice(i + 1, close).split(',');
        i = close + 1;
        if (hi === '') return { len: Infinity, anchored: false };
        atom *= Number(hi ?? lo);
      }
      len += atom;
    }
    return { len, anchored: start && end };
  };
  const { len, anchored } = alternation();
  return anchored ? len : Infinity;
}

/**
 * The most UTF-8 bytes a value valid under a JSON schema (as zod writes it) can take as JSON.
 * A string char may need 6 bytes (`\u0000`) unless a pattern limits it to plain ASCII classes.
 * `maxJsonBytes` (contract metadata backed by a refinement) caps a subtree whose parts cannot
 * all be at their maximum at once.
 */
function maxBytes(s: Schema, defs: Record<string, Schema>): number {
  if (s.$ref) return maxBytes(defs[s.$ref.replace('#/$defs/', '')]!, defs);
  const cap = typeof s.maxJsonBytes === 'number' ? s.maxJsonBytes : Infinity;
  const inner = (): number => {
    if (s.const !== undefined) return utf8Length(JSON.stringify(s.const));
    if (Array.isArray(s.enum)) return Math.max(...s.enum.map((v) => utf8Length(JSON.stringify(v))));
    for (const k of ['anyOf', 'oneOf'] as const)
      if (Array.isArray(s[k])) return Math.max(...(s[k] as Schema[]).map((x) => maxBytes(x, defs)));
    if (Array.isArray(s.allOf)) return Math.min(...(s.allOf as Schema[]).map((x) => maxBytes(x, defs)));
    const type = s.type;
    if (Array.isArray(type)) return Math.max(...type.map((t) => maxBytes({ ...s, type: t }, defs)));
    switch (type) {
      case 'string': {
        const pattern = typeof s.pattern === 'string' ? s.pattern : '';
        const max = Math.min(
          typeof s.maxLength === 'number' ? s.maxLength : Infinity,
          pattern ? patternMaxLength(pattern) : Infinity,
        );
        // Only ASCII classes in the pattern: every char is one byte, none needs escaping.
        const ascii = pattern !== '' && !/\.|\\S|\\W|\\D|\\s|\[\^|\\p|\\\\|"/.test(pattern);
        return 2 + max * (ascii ? 1 : 6);
      }
      case 'number':
      case 'integer':
        return 24;
      case 'boolean':
        return 5;
      case 'null':
        return 4;
      case 'array': {
        if (Array.isArray(s.prefixItems) && !s.items) {
          const parts = (s.prefixItems as Schema[]).map((x) => maxBytes(x, defs) + 1);
          return 2 + parts.reduce((a, b) => a + b, 0);
        }
        const n = typeof s.maxItems === 'number' ? s.maxItems : Infinity;
        return n === 0 ? 2 : 2 + n * (maxBytes(s.items as Schema, defs) + 1);
      }
      case 'object': {
        const props = (s.properties ?? {}) as Record<string, Schema>;
        let total = 2;
        for (const [k, v] of Object.entries(props))
          total += utf8Length(JSON.stringify(k)) + 2 + maxBytes(v, defs);
        const extra = s.additionalProperties;
        if (extra && typeof extra === 'object') {
          const names = (s.propertyNames ?? {}) as Schema;
          const n = Math.min(
            typeof s.maxProperties === 'number' ? s.maxProperties : Infinity,
            Array.isArray(names.enum) ? names.enum.length : Infinity,
          );
          const key = maxBytes({ type: 'string', ...names }, defs);
          total += n * (key + 2 + maxBytes(extra as Schema, defs));
        }
        return total;
      }
      default:
        return Infinity; // unknown / any: unbounded
    }
  };
  return Math.min(cap, inner());
}

export function worstCaseRequestBytes(name: CommandName): number {
  const schema = z.toJSONSchema(commands[name].input as z.ZodType, {
    io: 'input',
    unrepresentable: 'any',
  }) as Schema;
  const envelope = `{"id":${Number.MAX_SAFE_INTEGER},"name":${JSON.stringify(name)},"requestId":"00000000-0000-0000-0000-000000000000","input":}`;
  return utf8Length(envelope) + maxBytes(schema, (schema.$defs ?? {}) as Record<string, Schema>);
}

describe('frame limit', () => {
  it("reads the longest match of the contract's patterns", () => {
    expect(patternMaxLength('^(\\d{4})-(\\d{2})-(\\d{2})$')).toBe(10);
    expect(patternMaxLength('^([01]\\d|2[0-3]):([0-5]\\d)$|^24:00$')).toBe(5);
    expect(patternMaxLength('^\\d{6,12}$')).toBe(12);
    expect(patternMaxLength('^[a-z][a-z0-9_]{0,19}$')).toBe(20);
    expect(patternMaxLength('^[\\w.:-]+$')).toBe(Infinity);
    expect(patternMaxLength('[a-z]{3}')).toBe(Infinity); // not anchored
  });

  it('every command, at its largest valid input, fits in one frame', () => {
    const sizes = COMMAND_NAMES.map((n) => [n, worstCaseRequestBytes(n)] as const);
    const over = sizes.filter(([, b]) => b > MAX_FRAME_BYTES).map(([n, b]) => `${n}: ${b}`);
    expect(over).toEqual([]);
  });
});

describe('inputs bounded as a whole', () => {
  it('refuses a batch or plan bigger than one frame with a message that says what to do', () => {
    const labels = Array.from({ length: 5000 }, (_, i) => ({
      fields: { sscc: `${i}`.padStart(18, '0'), text: 'x'.repeat(300) },
    }));
    const print = commands['devices.print'].input.safeParse({ printerId: 'p', template: 't', items: labels });
    expect(print.success).toBe(false);
    expect(print.error?.issues[0]?.message).toMatch(/several smaller batches/);
    const ids = Array.from({ length: 1000 }, (_, i) => `order-${i}`.padEnd(40, 'x'));
    const routes = Array.from({ length: 200 }, (_, i) => ({ vehicleId: `v${i}`, orderIds: ids }));
    const plan = commands['routes.updatePlan'].input.safeParse({
      date: '2026-11-23',
      baseRevision: 0,
      routes,
    });
    expect(plan.success).toBe(false);
    // An ordinary plan passes.
    const small = commands['routes.updatePlan'].input.safeParse({
      date: '2026-11-23',
      baseRevision: 0,
      routes: routes.slice(0, 10).map((r) => ({ ...r, orderIds: ids.slice(0, 100) })),
    });
    expect(small.success).toBe(true);
  });

  it('counts UTF-8 bytes as a socket carries them', () => {
    expect(utf8Length('aå€😀')).toBe(1 + 2 + 3 + 4);
  });
});
