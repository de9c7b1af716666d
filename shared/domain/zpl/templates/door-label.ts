import { ZplBuilder } from '../builder';
import { readFields, scaleFor, type LabelTemplate } from './template';

type Key = 'doorName' | 'site' | 'barcode';

/** Door sign (4×2 in): the door name as large as fits, the site, and a Code 128 the scanner reads. */
export const doorLabel: LabelTemplate<Key> = {
  id: 'door',
  title: 'door label',
  designSize: { widthMm: 101.6, heightMm: 50.8 },
  fields: [
    { key: 'doorName', label: 'Door name', required: true, maxLength: 12 },
    { key: 'site', label: 'Site', required: false, maxLength: 60 },
    { key: 'barcode', label: 'Door barcode', required: true, maxLength: 30 },
  ],
  render(data, setup) {
    const f = readFields(this, data);
    const s = scaleFor(this.designSize, setup);
    const m = 3 * s;
    const z = new ZplBuilder(setup);
    z.text(m, m, f.doorName, { heightMm: 18 * s, blockWidthMm: setup.widthMm - 2 * m, align: 'C' })
      .text(m, 22 * s, f.site, { heightMm: 3.5 * s, blockWidthMm: setup.widthMm - 2 * m, align: 'C' })
      .code128(m + 6 * s, 28 * s, f.barcode, { heightMm: 14 * s });
    return z.build();
  },
};
