import { describe, expect, it } from 'vitest';
import type { JobState, PrintJob } from '@shared/contract';
import { needsAttention } from './JobsPanel';

let seq = 0;
const job = (state: JobState, reprintOf: string | null = null): PrintJob => {
  seq++;
  return {
    id: `j${seq}`,
    seq,
    printerId: 'p',
    batchId: null,
    template: null,
    title: `Label ${seq}`,
    state,
    reason: state === 'failed' ? 'head open' : null,
    attempts: 1,
    reprintOf,
    createdBy: 'op',
    createdAt: seq,
    updatedAt: seq,
    sentAt: null,
    finishedAt: null,
  };
};

describe('needsAttention', () => {
  it('keeps uncertain and failed jobs until a reprint of them exists, oldest first', () => {
    const a = job('uncertain');
    const b = job('failed');
    const c = job('printed');
    const d = job('uncertain');
    const newestFirst = [d, c, b, a];
    expect(needsAttention(newestFirst).map((j) => j.id)).toEqual([a.id, b.id, d.id]);
    const reprintOfA = job('queued', a.id);
    expect(needsAttention([reprintOfA, ...newestFirst]).map((j) => j.id)).toEqual([b.id, d.id]);
  });
  it('is empty when everything printed', () => {
    expect(needsAttention([job('printed'), job('cancelled'), job('queued')])).toEqual([]);
  });
});
