import { describe, expect, it } from 'vitest';
import { ScanHandlers, type WedgeScan } from './wedge-scan';

describe('ScanHandlers', () => {
  it('gives each scan to the latest registered screen only, and reports when nobody listens', () => {
    const h = new ScanHandlers();
    const a: string[] = [];
    const b: string[] = [];
    const scan = (data: string): WedgeScan => ({ data, at: 0 });
    expect(h.deliver(scan('x'))).toBe(false);
    const offA = h.register({ current: (s) => a.push(s.data) });
    const offB = h.register({ current: (s) => b.push(s.data) });
    expect(h.deliver(scan('1'))).toBe(true);
    offB();
    h.deliver(scan('2'));
    offA();
    expect(h.deliver(scan('3'))).toBe(false);
    expect(a).toEqual(['2']);
    expect(b).toEqual(['1']);
  });
});
