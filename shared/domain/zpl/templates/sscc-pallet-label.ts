import { AppError } from '../../../contract/errors';
import { ZplBuilder } from '../builder';
import type { Gs1ElementInput } from '../gs1-128';
import { readFields, scaleFor, type LabelTemplate } from './template';

type Key = 'companyName' | 'sscc' | 'content' | 'count' | 'batch' | 'bestBefore' | 'shipTo' | 'description';

/**
 * GS1 logistic label (4×6 in): free-text block on top, human-readable data in the middle,
 * GS1-128 barcodes at the bottom with the SSCC symbol last, as the GS1 logistic label guideline lays out.
 */
export const ssccPalletLabel: LabelTemplate<Key> = {
  id: 'sscc-pallet',
  title: 'SSCC pallet label',
  designSize: { widthMm: 101.6, heightMm: 152.4 },
  fields: [
    { key: 'companyName', label: 'Company name', required: true, maxLength: 60 },
    { key: 'sscc', label: 'SSCC', required: true, maxLength: 18 },
    { key: 'content', label: 'Content GTIN', required: false, maxLength: 14 },
    { key: 'count', label: 'Count', required: false, maxLength: 8 },
    { key: 'batch', label: 'Batch/lot', required: false, maxLength: 20 },
    { key: 'bestBefore', label: 'Best before (YYMMDD)', required: false, maxLength: 6 },
    { key: 'shipTo', label: 'Ship to', required: false, maxLength: 120 },
    { key: 'description', label: 'Description', required: false, maxLength: 80 },
  ],
  render(data, setup) {
    const f = readFields(this, data);
    if (f.content && !f.count)
      throw new AppError('invalid_input', 'Cannot print the SSCC pallet label: a content GTIN needs a count');
    const s = scaleFor(this.designSize, setup);
    const m = 3 * s;
    const w = setup.widthMm - 2 * m;
    const z = new ZplBuilder(setup);
    z.text(m, m, f.companyName, { heightMm: 6 * s, blockWidthMm: w })
      .text(m, m + 8 * s, [f.description, f.shipTo && `Ship to: ${f.shipTo}`].filter(Boolean), {
        heightMm: 3.5 * s,
        blockWidthMm: w,
        maxLines: 3,
      })
      .box(m, 26 * s, w, 0.1, 0.4 * s)
      .text(m, 28 * s, 'SSCC', { heightMm: 3 * s })
      .text(m, 32 * s, f.sscc, { heightMm: 7 * s, blockWidthMm: w });
    let y = 42 * s;
    const detail: Array<[string, string]> = [
      ['CONTENT', f.content],
      ['COUNT', f.count],
      ['BATCH/LOT', f.batch],
      ['BEST BEFORE', f.bestBefore],
    ];
    for (const [title, value] of detail.filter(([, v]) => v)) {
      z.text(m, y, `${title}: ${value}`, { heightMm: 4 * s, blockWidthMm: w });
      y += 5.5 * s;
    }
    z.box(m, 66 * s, w, 0.1, 0.4 * s);
    const top: Gs1ElementInput[] = [];
    if (f.content) top.push({ ai: '02', value: f.content });
    if (f.bestBefore) top.push({ ai: '15', value: f.bestBefore });
    if (f.count) top.push({ ai: '37', value: f.count });
    if (f.batch) top.push({ ai: '10', value: f.batch });
    if (top.length > 0) z.gs1_128(m + 2 * s, 70 * s, top, { heightMm: 22 * s });
    z.gs1_128(m + 2 * s, 105 * s, [{ ai: '00', value: f.sscc }], { heightMm: 30 * s });
    return z.build();
  },
};
