/**
 * Command inputs for the fuzzer, generated from the contract's own schemas (their JSON Schema
 * form) and then mutated: valid-looking values reach the handlers, broken ones the validation.
 * Ids seen in answers are reused so commands act on records that exist. Fields that would make
 * core open a connection (hosts, URLs) or a file (device paths) only ever get loopback addresses
 * and harmless paths: the fuzzer never sends traffic off this machine.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { commands, COMMAND_NAMES, type CommandName } from '@shared/contract';
import type { Rng } from './rng';

type Schema = Record<string, unknown>;

export interface FuzzCommand {
  name: CommandName;
  mutates: boolean;
  schema: Schema;
  defs: Record<string, Schema>;
}

export function contractCommands(): FuzzCommand[] {
  return COMMAND_NAMES.map((name) => {
    const schema = z.toJSONSchema(commands[name].input as z.ZodType, {
      io: 'input',
      unrepresentable: 'any',
    }) as Schema;
    return {
      name,
      mutates: commands[name].mutates,
      schema,
      defs: (schema.$defs ?? {}) as Record<string, Schema>,
    };
  });
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1', '127.0.0.1:9', '[::1]'];
const LOOPBACK_URLS = [
  'http://127.0.0.1:9/',
  'http://localhost:1/{z}/{x}/{y}.png',
  'http://[::1]:9/osrm',
  '',
];
const SAFE_PATHS = ['/dev/null', '/dev/loadstar-fuzz-missing', '/dev/ttyFUZZ0', '/nonexistent/tty'];

/** Keys whose values reach the network or the file system: always replaced by safe values. */
function safeValue(key: string, rng: Rng): string | undefined {
  if (/url|endpoint|server/i.test(key)) return rng.pick(LOOPBACK_URLS);
  if (/host/i.test(key)) return rng.pick(LOOPBACK_HOSTS);
  if (/^path$|device/i.test(key)) return rng.pick(SAFE_PATHS);
  return undefined;
}

/** Bounds that keep the fuzzer from starting long solver runs or huge print batches. */
function clampNumber(key: string, value: number): number {
  if (key === 'timeLimitSec' || key === 'defaultTimeLimitSec') return Math.min(value, 1);
  if (key === 'osrmTimeoutSec') return Math.min(value, 0.5);
  if (key === 'copies') return Math.min(value, 2);
  return value;
}

const PATTERN_GENERATORS: Array<[RegExp, (rng: Rng) => string]> = [
  [
    /\\d\{4\}\)?-/,
    (rng) => `2026-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
  ],
  [
    /\[01\]/,
    (rng) => `${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`,
  ],
  [/\[0-9a-f\]\{64\}/, (rng) => rng.bytes(32).toString('hex')],
  [/\\d\{6,12\}/, (rng) => String(rng.int(100000, 999999999))],
  [/\[a-z\]\[a-z0-9_\]/, (rng) => rng.pick(['kg', 'm3', 'pallets', 'crates'])],
  [/\[\\w\.@-\]/, (rng) => rng.pick(['zebra', 'lp0', 'office@host'])],
];

export class InputGenerator {
  /** Ids from answers, by the field name they came in ("id", "doorId", …). */
  private readonly seen = new Map<string, string[]>();

  constructor(private readonly rng: Rng) {}

  /** Remembers ids from a successful answer, so later inputs can point at real records. */
  learn(value: unknown, depth = 0): void {
    if (depth > 6 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value.slice(0, 20)) this.learn(v, depth + 1);
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && /(^id$|Id$)/.test(k) && v.length <= 64) {
        const key = k === 'id' ? 'id' : k;
        const list = this.seen.get(key) ?? [];
        if (!list.includes(v)) list.push(v);
        if (list.length > 50) list.shift();
        this.seen.set(key, list);
        if (!this.seen.get('id')?.includes(v))
          this.seen.set('id', [...(this.seen.get('id') ?? []).slice(-49), v]);
      } else this.learn(v, depth + 1);
    }
  }

  /** A value that tries to satisfy the schema. */
  valid(cmd: FuzzCommand): unknown {
    return this.gen(cmd.schema, cmd.defs, '', 0);
  }

  /** A valid-looking input with one to three things broken. */
  mutated(cmd: FuzzCommand): unknown {
    let value = this.valid(cmd);
    for (let i = this.rng.int(1, 3); i > 0; i--) value = this.mutate(value, 0);
    return sanitize(value, this.rng);
  }

  private gen(s: Schema, defs: Record<string, Schema>, key: string, depth: number): unknown {
    const rng = this.rng;
    if (typeof s.$ref === 'string')
      return this.gen(defs[s.$ref.replace('#/$defs/', '')] ?? {}, defs, key, depth);
    const safe = safeValue(key, rng);
    if (safe !== undefined && (s.type === 'string' || s.type === undefined)) return safe;
    if (s.default !== undefined && rng.chance(0.3)) return s.default;
    if (s.const !== undefined) return s.const;
    if (Array.isArray(s.enum)) return rng.pick(s.enum);
    for (const k of ['anyOf', 'oneOf'] as const)
      if (Array.isArray(s[k])) return this.gen(rng.pick(s[k] as Schema[]), defs, key, depth);
    const type = Array.isArray(s.type) ? rng.pick(s.type as string[]) : s.type;
    switch (type) {
      case 'string': {
        if (/(^id$|Id$)/.test(key) && rng.chance(0.8)) {
          const known = this.seen.get(key) ?? this.seen.get('id');
          if (known?.length) return rng.pick(known);
        }
        if (s.format === 'uuid') return randomUUID();
        const pattern = typeof s.pattern === 'string' ? s.pattern : '';
        const gen = PATTERN_GENERATORS.find(([p]) => p.test(pattern));
        if (gen) return gen[1](rng);
        const min = typeof s.minLength === 'number' ? s.minLength : 0;
        const max = Math.min(typeof s.maxLength === 'number' ? s.maxLength : 40, 60);
        let text = rng.chance(0.7) ? `fz ${key} ${rng.int(1, 9999)}` : rng.text(max);
        while (text.length < min) text += 'x';
        return text.slice(0, Math.max(min, max));
      }
      case 'integer':
      case 'number': {
        const lo =
          typeof s.minimum === 'number'
            ? s.minimum
            : typeof s.exclusiveMinimum === 'number'
              ? s.exclusiveMinimum + 1
              : -1000;
        const hi = typeof s.maximum === 'number' ? s.maximum : lo + 100_000;
        const n =
          type === 'integer'
            ? rng.int(Math.ceil(lo), Math.floor(Math.min(hi, lo + 1e9)))
            : lo + rng.next() * (hi - lo);
        // Epoch-like fields get plausible instants, near the present.
        if (/At$|after/.test(key)) return Date.UTC(2026, 10, 23) + rng.int(-5, 5) * 3600_000;
        return clampNumber(key, n);
      }
      case 'boolean':
        return rng.chance(0.5);
      case 'null':
        return null;
      case 'array': {
        const min = typeof s.minItems === 'number' ? s.minItems : 0;
        const max = Math.min(typeof s.maxItems === 'number' ? s.maxItems : 5, min + 4, 8);
        return depth > 5
          ? []
          : Array.from({ length: rng.int(min, max) }, () =>
              this.gen((s.items ?? {}) as Schema, defs, key, depth + 1),
            );
      }
      case 'object': {
        const out: Record<string, unknown> = {};
        const props = (s.properties ?? {}) as Record<string, Schema>;
        const required = new Set((s.required ?? []) as string[]);
        for (const [k, v] of Object.entries(props))
          if (required.has(k) || rng.chance(0.6)) out[k] = this.gen(v, defs, k, depth + 1);
        if (s.additionalProperties && typeof s.additionalProperties === 'object' && depth < 5) {
          const names = (s.propertyNames ?? {}) as Schema;
          for (let i = rng.int(0, 3); i > 0; i--) {
            const k = Array.isArray(names.enum)
              ? String(rng.pick(names.enum))
              : rng.pick(['kg', 'pallets', 'm3', 'sscc', 'text', `k${i}`]);
            out[k] = this.gen(s.additionalProperties as Schema, defs, k, depth + 1);
          }
        }
        return out;
      }
      default:
        return rng.pick([null, 1, 'x', {}, []]);
    }
  }

  private mutate(value: unknown, depth: number): unknown {
    const rng = this.rng;
    if (value !== null && typeof value === 'object' && depth < 4 && rng.chance(0.7)) {
      if (Array.isArray(value)) {
        if (value.length && rng.chance(0.6)) {
          const i = rng.int(0, value.length - 1);
          const copy = [...value];
          copy[i] = this.mutate(copy[i], depth + 1);
          return copy;
        }
        return rng.chance(0.5) ? [...value, this.junk()] : [];
      }
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const roll = rng.int(0, 3);
      if (roll === 0 && keys.length) delete copy[rng.pick(keys)];
      else if (roll === 1)
        copy[rng.pick(['__proto__', 'constructor', 'extra', '', 'id', 'toString'])] = this.junk();
      else if (keys.length) {
        const k = rng.pick(keys);
        copy[k] = this.mutate(copy[k], depth + 1);
      }
      return copy;
    }
    return this.junk();
  }

  junk(): unknown {
    const rng = this.rng;
    switch (rng.int(0, 13)) {
      case 0:
        return null;
      case 1:
        return rng.pick([0, -1, 1e308, -1e308, 2 ** 53, -(2 ** 53), 0.1, -0]);
      case 2:
        return rng.text(40);
      case 3:
        return 'x'.repeat(rng.int(1000, 20000));
      case 4:
        return rng.pick([true, false]);
      case 5:
        return [];
      case 6:
        return {};
      case 7:
        return rng.pick([
          '2026-02-30',
          '24:01',
          '9999-99-99',
          '00:00',
          '1970-01-01',
          'NaN',
          'Infinity',
          '-0',
        ]);
      case 8:
        return rng.pick([
          "'; DROP TABLE doors; --",
          '" OR 1=1 --',
          '../../../../etc/passwd',
          '%00',
          '{{7*7}}',
          '^XA^FD injected^FS^XZ',
        ]);
      case 9:
        return Array.from({ length: rng.int(1, 50) }, () => rng.text(8));
      case 10:
        return { a: { b: { c: { d: { e: rng.text(5) } } } } };
      case 11:
        return rng.int(-10, 10);
      case 12:
        return rng.bytes(8).toString('hex');
      default:
        return randomUUID();
    }
  }
}

/** Re-applies the network and file-system guards after mutation. */
function sanitize(value: unknown, rng: Rng, key = '', depth = 0): unknown {
  if (depth > 10) return null;
  if (typeof value === 'string') return safeValue(key, rng) ?? value;
  if (typeof value === 'number') return clampNumber(key, value);
  if (Array.isArray(value)) return value.map((v) => sanitize(v, rng, key, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const s = sanitize(v, rng, k, depth + 1);
      // A host/URL/path field whose mutated value is not a string is left broken: it fails validation.
      out[k] = s;
    }
    return out;
  }
  return value;
}
