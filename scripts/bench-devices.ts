/**
 * Scan-to-label benchmark: a scan typed into a socat pty → serial scanner → GS1 parse → SSCC
 * pallet label → durable queue → bytes at the simulated Zebra printer. Prints p50/p99 latency
 * and sustained labels/s to one printer. Last line is machine-readable.
 */
import { performance } from 'node:perf_hooks';
import { buildSscc } from '@shared/domain/gs1';
import { findTemplate } from '@shared/domain/zpl';
import { labelForScan } from '../electron/core/devices/station/label-for-scan';
import { startHarness } from './lib/devices-harness';

const WARMUP = 20;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const setup = { dpi: 203 as const, widthMm: 101.6, heightMm: 152.4 };

function sscc(serial: number): string {
  const r = buildSscc({ extension: 0, companyPrefix: '4012345', serial });
  if (!r.ok) throw new Error(r.reason);
  return r.sscc;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const h = await startHarness();
try {
  const arrived = new Map<string, number>();
  const waiting = new Map<string, () => void>();
  h.sims.printer.on('format', (zpl: string) => {
    const code = /\^FD>;>800(\d{18})/.exec(zpl)?.[1];
    if (!code) return;
    arrived.set(code, performance.now());
    waiting.get(code)?.();
  });
  h.scanner.on('scan', (scan) => {
    void labelForScan(scan, {
      setup,
      companyName: 'Loadstar Bench',
      appointment: async () => null,
      order: async () => null,
    }).then(async (r) => {
      if (!r.ok) throw new Error(r.message);
      await h.spooler.enqueue({
        printerId: h.printerId,
        actor: 'bench',
        title: r.title,
        zpl: r.zpl,
        template: r.template,
      });
    });
  });
  h.scanner.on('rejected', (r) => console.error('rejected scan:', r.message));

  const latencies: number[] = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const code = sscc(i);
    const done = new Promise<void>((resolve) => waiting.set(code, resolve));
    const t0 = performance.now();
    await h.sims.feeder.scan(`]C100${code}`, '\r\n');
    await done;
    waiting.delete(code);
    if (i >= WARMUP) latencies.push((arrived.get(code) ?? NaN) - t0);
  }
  latencies.sort((a, b) => a - b);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  console.log(
    `scan → label bytes at printer: n=${latencies.length} p50=${p50.toFixed(2)} ms p99=${p99.toFixed(2)} ms max=${latencies.at(-1)?.toFixed(2)} ms`,
  );

  const template = findTemplate('sscc-pallet')!;
  const labels = Array.from({ length: BATCH }, (_, i) => {
    const code = sscc(100_000 + i);
    return {
      title: `Pallet ${code}`,
      zpl: template.render({ companyName: 'Loadstar Bench', sscc: code }, setup),
      template: template.id,
    };
  });
  const before = h.sims.printer.labelsPrinted;
  const allArrived = new Promise<void>((resolve) => {
    h.sims.printer.on('format', () => {
      if (h.sims.printer.labelsPrinted - before >= BATCH) resolve();
    });
  });
  const t0 = performance.now();
  await h.spooler.enqueueBatch({ printerId: h.printerId, title: 'bench batch', labels, actor: 'bench' });
  await allArrived;
  const seconds = (performance.now() - t0) / 1000;
  const perSecond = BATCH / seconds;
  console.log(
    `batch of ${BATCH} labels to one printer: ${seconds.toFixed(2)} s, ${perSecond.toFixed(1)} labels/s`,
  );
  console.log(
    `targets: p99 < 50 ms ${p99 < 50 ? 'met' : 'MISSED'}, > 200 labels/s ${perSecond > 200 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `summary scan_to_label_p50_ms=${p50.toFixed(2)} scan_to_label_p99_ms=${p99.toFixed(2)} labels_per_s=${perSecond.toFixed(1)}`,
  );
} finally {
  await h.close();
}
