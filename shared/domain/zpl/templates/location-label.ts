import { ZplBuilder } from '../builder';
import { readFields, scaleFor, type LabelTemplate } from './template';

type Key = 'location' | 'zone' | 'barcode';

/** Rack/bin location label (4×2 in): location code, zone, barcode (defaults to the code). */
export const locationLabel: LabelTemplate<Key> = {
  id: 'location',
  title: 'location label',
  designSize: { widthMm: 101.6, heightMm: 50.8 },
  fields: [
    { key: 'location', label: 'Location code', required: true, maxLength: 20 },
    { key: 'zone', label: 'Zone', required: false, maxLength: 30 },
    { key: 'barcode', label: 'Barcode', required: false, maxLength: 30 },
  ],
  render(data, setup) {
    const f = readFields(this, data);
    const s = scaleFor(this.designSize, setup);
    const m = 3 * s;
    const z = new ZplBuilder(setup);
    z.text(m, m, f.location, { heightMm: 12 * s, blockWidthMm: setup.widthMm - 2 * m })
      .text(m, 17 * s, f.zone, { heightMm: 4 * s, blockWidthMm: setup.widthMm - 2 * m })
      .code128(m + 4 * s, 24 * s, f.barcode || f.location, { heightMm: 16 * s });
    return z.build();
  },
};
