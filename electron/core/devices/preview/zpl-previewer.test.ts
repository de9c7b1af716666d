import { afterEach, describe, expect, it } from 'vitest';
import { findTemplate } from '@shared/domain/zpl';
import { ZplPreviewer } from './zpl-previewer';

const setup = { dpi: 203 as const, widthMm: 101.6, heightMm: 50.8 };
const previewers: ZplPreviewer[] = [];
afterEach(async () => {
  for (const p of previewers.splice(0)) await p.close();
});

function previewer(entry?: URL): ZplPreviewer {
  const p = entry ? new ZplPreviewer(entry) : new ZplPreviewer();
  previewers.push(p);
  return p;
}

function png(dataUrl: string): Buffer {
  expect(dataUrl).toMatch(/^data:image\/png;base64,/);
  return Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
}

describe('ZplPreviewer (zpl-renderer-js in a worker thread)', () => {
  it('renders each label of a template to a PNG of the label size', async () => {
    const zpl = findTemplate('door')!.render({ doorName: 'D01', barcode: 'DOOR-01' }, setup);
    const p = previewer();
    const [one, ...rest] = await p.render(zpl + zpl, setup);
    expect(rest).toHaveLength(1);
    const image = png(one!);
    expect(image.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR width and height: 101.6 mm × 8 dots/mm ≈ 813 px, 50.8 mm ≈ 406 px (the renderer rounds up).
    expect(Math.abs(image.readUInt32BE(16) - 813)).toBeLessThanOrEqual(1);
    expect(Math.abs(image.readUInt32BE(20) - 406)).toBeLessThanOrEqual(1);
  });

  it('answers `unavailable` for ZPL it cannot draw, and keeps working afterwards', async () => {
    const p = previewer();
    await expect(p.render('not zpl at all', setup)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/could not be drawn/),
    });
    const ok = await p.render('^XA^FO20,20^A0N,30,30^FDok^FS^XZ', setup);
    expect(ok).toHaveLength(1);
  });

  it('answers `unavailable` when the worker cannot start, instead of crashing', async () => {
    const p = previewer(new URL('./missing-worker.js', import.meta.url));
    await expect(p.render('^XA^XZ', setup)).rejects.toMatchObject({ code: 'unavailable' });
  });
});
