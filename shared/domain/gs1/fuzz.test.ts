import { describe, expect, it } from 'vitest';
import { GS, parseGs1 } from './parse';
import { toScanEvent } from './scan-event';

/** mulberry32: a tiny seeded PRNG so a failing input can be reproduced from the seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  `00123456789012345675`,
  `011234567890123121123456${GS}10ABC123`,
  `0112345678901231310300125015261100${GS}10LOT7${GS}`,
  '(01)12345678901231(3103)001250(10)AB-12',
  `]C1${GS}4101234567890128421276ABC${GS}3712`,
];
const ALPHABET = `0123456789${GS}()ABCxyz^~_ ]\u0000\u00ff\u{1F600}`;

function mutate(rand: () => number, base: string): string {
  const chars = [...base];
  const edits = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * (chars.length + 1));
    const c = ALPHABET[Math.floor(rand() * ALPHABET.length)] ?? '0';
    const op = rand();
    if (op < 0.33) chars.splice(at, 1);
    else if (op < 0.66) chars.splice(at, 0, c);
    else chars[at] = c;
  }
  return chars.join('');
}

function random(rand: () => number): string {
  const len = Math.floor(rand() * 80);
  let s = '';
  for (let i = 0; i < len; i++)
    s +=
      rand() < 0.7 ? String(Math.floor(rand() * 10)) : (ALPHABET[Math.floor(rand() * ALPHABET.length)] ?? '');
  return s;
}

describe('GS1 parser fuzz', () => {
  it('never throws and always explains a failure on 120k random and mutated inputs', () => {
    const rand = prng(20261122);
    let failures = 0;
    const unexplained: string[] = [];
    for (let i = 0; i < 120_000; i++) {
      const input = i % 2 === 0 ? random(rand) : mutate(rand, SEEDS[i % SEEDS.length] ?? '');
      const r = parseGs1(input, { referenceYear: 2026 });
      if (!r.ok) {
        failures++;
        // Plain checks, not expect(): 120k expect calls would dominate the runtime.
        if (r.reason.length < 6 || r.position < 0 || r.position > input.length) unexplained.push(input);
      }
      toScanEvent('fuzz', input, 0, 2026);
    }
    expect(unexplained).toEqual([]);
    expect(failures).toBeGreaterThan(1000);
  });

  it('bounds the work on huge inputs', () => {
    const r = parseGs1('10'.padEnd(1_000_000, 'A'));
    expect(r.ok).toBe(false);
  });
});
