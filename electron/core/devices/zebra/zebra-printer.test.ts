import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZebraSim, type ZebraSimJob } from '../sim/zebra-sim';
import { ZebraPrinter } from './zebra-printer';

let dir: string;
let sim: ZebraSim;
let printer: ZebraPrinter;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zebra-'));
  sim = new ZebraSim({ jobDir: dir });
  const { host, port } = await sim.start();
  printer = new ZebraPrinter({ kind: 'tcp', host, port }, { queryTimeoutMs: 300 });
});

afterEach(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

const nextJob = () => new Promise<ZebraSimJob>((resolve) => sim.once('job', resolve));

describe('ZebraPrinter against the simulator', () => {
  it('reads a ready status and the model', async () => {
    const report = await printer.status();
    expect(report).toMatchObject({
      reachable: true,
      status: { paperOut: false, paused: false, source: '~HS' },
    });
    expect((await printer.info()).model).toContain('ZD420');
  });

  it('reports paper out, and falls back to ~HQES when ~HS stays silent', async () => {
    await sim.set({ paperOut: true, paused: true });
    expect(await printer.status()).toMatchObject({ status: { paperOut: true, source: '~HS' } });
    await sim.set({ silentHsInError: true, headOpen: true, paperOut: false });
    expect(await printer.status()).toMatchObject({
      status: { headOpen: true, paused: true, source: '~HQES' },
    });
  });

  it('prints a job and the simulator stores exactly its bytes', async () => {
    const zpl = '^XA^FO10,10^FH^FDhello_5E^FS^XZ\n';
    const stored = nextJob();
    expect(await printer.print(zpl)).toEqual({ outcome: 'printed' });
    const job = await stored;
    expect(job.complete).toBe(true);
    expect(await readFile(job.file, 'utf8')).toBe(zpl);
  });

  it('waits out back-pressure from a slow printer and still prints everything', async () => {
    await sim.set({ slow: true });
    const label = '^XA^FO10,10^FDx^FS^XZ';
    const big = `^XA^FX${'0'.repeat(2_000_000)}^XZ${label}`;
    const stored = nextJob();
    const outcome = printer.print(big);
    // Turn slow off again so the test stays quick once back-pressure has been hit.
    setTimeout(() => void sim.set({ slow: false }), 100);
    expect(await outcome).toEqual({ outcome: 'printed' });
    expect((await stored).labels).toHaveLength(2);
  });

  it('says not-sent when the printer is offline, so the job can be retried', async () => {
    await sim.set({ offline: true });
    const outcome = await printer.print('^XA^XZ');
    expect(outcome).toMatchObject({ outcome: 'not-sent', reason: expect.stringMatching(/Cannot connect/) });
    expect(await printer.status()).toMatchObject({ reachable: false });
    await sim.set({ offline: false });
    expect(await printer.print('^XA^XZ')).toEqual({ outcome: 'printed' });
  });

  it('says uncertain, not printed, when the printer dies mid-job', async () => {
    await sim.set({ slow: true });
    const started = new Promise((resolve) => sim.once('format', resolve));
    const outcome = printer.print(`^XA^FDfirst^FS^XZ^XA^FX${'0'.repeat(4_000_000)}^XZ`);
    await started;
    await sim.kill();
    expect(await outcome).toMatchObject({
      outcome: 'uncertain',
      reason: expect.stringMatching(/may or may not have printed/),
    });
  });
});
