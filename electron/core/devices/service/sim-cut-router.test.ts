/**
 * The `uncertain` path end to end through the real core in simulated-devices mode: the simulated
 * Zebra resets the connection right after a job's bytes arrive (`cutNextJob`), so nobody knows
 * whether it printed. The job must end `uncertain` (never `printed`, never resent by itself), and
 * the one-click reprint makes a new, linked job that prints once.
 */
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { DevicesOverview, PrintJob, SimulatedPrinterState } from '@shared/contract/devices';
import type { Core } from '../../core';
import { caller, ok, useTestCore } from '../../testing';

const startCore = useTestCore();

function waitForJob(core: Core, test: (j: PrintJob) => boolean): Promise<PrintJob> {
  return new Promise((resolve) => {
    const off = core.events.subscribe((m) => {
      if (m.event === 'devices.job' && test(m.payload as PrintJob)) {
        off();
        resolve(m.payload as PrintJob);
      }
    });
  });
}

describe('simulated printer: cut the next job', () => {
  it('ends the cut job uncertain, never resends it, and a reprint prints once', async () => {
    const core = await startCore({ demo: true });
    const call = ok(core);
    const state = await call<SimulatedPrinterState>('devices.simulatePrinter', { cutNextJob: true });
    expect(state).toMatchObject({ cutNextJob: true, offline: false });

    const uncertain = waitForJob(core, (j) => j.state === 'uncertain');
    const job = await call<PrintJob>('devices.testPrint', { id: 'sim-printer' });
    const ended = await uncertain;
    expect(ended).toMatchObject({
      id: job.id,
      state: 'uncertain',
      reason: expect.stringMatching(/may or may not have printed/),
      reasonCode: 'connection_lost',
    });
    // One-shot: the switch cleared itself once it fired.
    let overview = await call<DevicesOverview>('devices.overview', {});
    expect(overview.simulated!.printer!.state.cutNextJob).toBe(false);
    expect(overview.simulated!.printer!.labelsPrinted).toBe(1);

    // Not resent by itself: a later job goes through, the uncertain one stays as it was.
    const reprinted = waitForJob(core, (j) => j.reprintOf === job.id && j.state === 'printed');
    const again = await call<PrintJob>('devices.reprint', { jobId: job.id });
    expect(again).toMatchObject({ reprintOf: job.id });
    expect(again.id).not.toBe(job.id);
    await reprinted;

    const page = await call<{ jobs: PrintJob[] }>('devices.listJobs', { printerId: 'sim-printer' });
    expect(page.jobs.map((j) => [j.id, j.state])).toEqual([
      [again.id, 'printed'],
      [job.id, 'uncertain'],
    ]);
    expect(page.jobs[1]!.attempts).toBe(1);
    overview = await call<DevicesOverview>('devices.overview', {});
    // Exactly two labels reached the simulator: the cut one and its reprint.
    expect(overview.simulated!.printer!.labelsPrinted).toBe(2);
    const files = (await readdir(overview.simulated!.printer!.jobDir)).sort();
    expect(files).toEqual([expect.stringMatching(/^job-000001\.partial\.zpl$/), 'job-000002.zpl']);
  });

  it('refuses a non-boolean switch and changes nothing', async () => {
    const core = await startCore({ demo: true });
    expect(await caller(core)('devices.simulatePrinter', { cutNextJob: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const overview = await ok(core)<DevicesOverview>('devices.overview', {});
    expect(overview.simulated!.printer!.state.cutNextJob).toBe(false);
  });
});
