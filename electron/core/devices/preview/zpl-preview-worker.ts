/**
 * Worker-thread entry: renders ZPL to PNG with zpl-renderer-js (a ~9 MB WebAssembly build of
 * Zebrash). Kept off the core's thread so a slow or hostile label never stalls commands.
 */
import { parentPort } from 'node:worker_threads';

export interface PreviewRequest {
  id: number;
  zpl: string;
  widthMm: number;
  heightMm: number;
  dotsPerMm: number;
}

export type PreviewReply =
  { id: number; ok: true; images: string[] } | { id: number; ok: false; message: string };

type Api = { zplToBase64MultipleAsync(zpl: string, w: number, h: number, dpmm: number): Promise<string[]> };

let api: Promise<Api> | null = null;

function load(): Promise<Api> {
  api ??= import('zpl-renderer-js').then(async (m) => (await m.ready).api);
  return api;
}

parentPort?.on('message', (req: PreviewRequest) => {
  void (async (): Promise<PreviewReply> => {
    try {
      const renderer = await load();
      const images = await renderer.zplToBase64MultipleAsync(
        req.zpl,
        req.widthMm,
        req.heightMm,
        req.dotsPerMm,
      );
      return { id: req.id, ok: true, images };
    } catch (err) {
      return { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  })().then((reply) => parentPort?.postMessage(reply));
});
