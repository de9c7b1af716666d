/** A small seeded PRNG (mulberry32): the same seed replays the same fuzz run. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  next(): number {
    let t = (this.state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  }

  /** Text with the awkward parts of Unicode: controls, quotes, RTL, astral, lone surrogates. */
  text(max: number): string {
    const n = this.int(0, max);
    const alphabets = [
      'abcdefghijklmnopqrstuvwxyz0123456789',
      'ÅÄÖåäö éü ß',
      '\u0000\u0001\u001f\u007f\t\r\n',
      '"\'\\/<>&%{}[]$;|`',
      '\u202e\u200b\ufeff\ud83d\ude00\ud800',
      '../..\\%2e%2e/',
    ];
    let s = '';
    for (let i = 0; i < n; i++) s += this.pick(this.pick(alphabets).split(''));
    return s;
  }
}
