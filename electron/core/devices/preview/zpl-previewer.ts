import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '@shared/contract/errors';
import { DOTS_PER_MM, type LabelSetup } from '@shared/domain/zpl';
import type { PreviewReply, PreviewRequest } from './zpl-preview-worker';

const RENDER_TIMEOUT_MS = 20_000;

/**
 * The worker entry: the bundled `zpl-preview-worker.js` (electron.vite.config.ts builds it into
 * out/main, beside core.js / host.js or one level above their chunks), else the TypeScript source
 * next to this file (tests, tsx scripts).
 */
function workerEntry(): URL {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, 'zpl-preview-worker.js'), join(here, '..', 'zpl-preview-worker.js')]) {
    if (existsSync(candidate)) return pathToFileURL(candidate);
  }
  return new URL('./zpl-preview-worker.ts', import.meta.url);
}

/** Same bootstrap as the route solver's worker: tsx registered in-thread before a .ts entry. */
const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api')
  .then(({ register }) => { register(); return import(workerData.entry); })
  .catch((e) => setImmediate(() => { throw e; }));
`;

/**
 * Renders ZPL to PNG data URLs in one long-lived worker thread, started on first use. A renderer
 * failure (bad ZPL, a crashed or missing worker) is an `unavailable` error, never a crash.
 */
export class ZplPreviewer {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(images: string[]): void; reject(err: Error): void }>();
  private closed = false;

  constructor(private readonly entry: URL = workerEntry()) {}

  async render(zpl: string, setup: LabelSetup): Promise<string[]> {
    if (this.closed) throw new AppError('unavailable', 'Label preview is shutting down');
    const worker = this.start();
    const id = this.nextId++;
    const request: PreviewRequest = {
      id,
      zpl,
      widthMm: setup.widthMm,
      heightMm: setup.heightMm,
      dotsPerMm: DOTS_PER_MM[setup.dpi],
    };
    const images = await new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new AppError('unavailable', 'The label preview took too long; the label itself is unaffected.'),
        );
        this.restart();
      }, RENDER_TIMEOUT_MS);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      worker.postMessage(request);
    });
    return images.map((b64) => `data:image/png;base64,${b64}`);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll('Label preview is shutting down');
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const href = this.entry.href;
    const worker = href.endsWith('.ts')
      ? new Worker(TS_BOOTSTRAP, { eval: true, workerData: { entry: href } })
      : new Worker(this.entry);
    worker.on('message', (reply: PreviewReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.images);
      else p.reject(new AppError('unavailable', `The label preview could not be drawn: ${reply.message}`));
    });
    worker.on('error', (err) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(`The label preview renderer failed (${err.message})`);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll('The label preview renderer stopped');
    });
    // The worker must never keep the process alive on its own.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private restart(): void {
    const w = this.worker;
    this.worker = null;
    void w?.terminate();
  }

  private failAll(message: string): void {
    for (const p of this.pending.values()) p.reject(new AppError('unavailable', message));
    this.pending.clear();
  }
}
