import { ZplBuilder } from '../builder';
import { readFields, scaleFor, type LabelTemplate } from './template';

type Key =
  | 'shipFromName'
  | 'shipFromAddress'
  | 'shipToName'
  | 'shipToAddress'
  | 'carrier'
  | 'service'
  | 'trackingNumber'
  | 'orderRef'
  | 'weight'
  | 'packageOf';

/** 4×6 in carrier-neutral shipping label: addresses, carrier and service, tracking barcode. */
export const shippingLabel: LabelTemplate<Key> = {
  id: 'shipping',
  title: 'shipping label',
  designSize: { widthMm: 101.6, heightMm: 152.4 },
  fields: [
    { key: 'shipFromName', label: 'Ship-from name', required: true, maxLength: 60 },
    { key: 'shipFromAddress', label: 'Ship-from address', required: true, maxLength: 200, multiline: true },
    { key: 'shipToName', label: 'Ship-to name', required: true, maxLength: 60 },
    { key: 'shipToAddress', label: 'Ship-to address', required: true, maxLength: 200, multiline: true },
    { key: 'carrier', label: 'Carrier', required: true, maxLength: 40 },
    { key: 'service', label: 'Service', required: false, maxLength: 40 },
    { key: 'trackingNumber', label: 'Tracking number', required: true, maxLength: 40 },
    { key: 'orderRef', label: 'Order reference', required: false, maxLength: 40 },
    { key: 'weight', label: 'Weight', required: false, maxLength: 20 },
    { key: 'packageOf', label: 'Package', required: false, maxLength: 20 },
  ],
  render(data, setup) {
    const f = readFields(this, data);
    const s = scaleFor(this.designSize, setup);
    const m = 3 * s;
    const w = setup.widthMm - 2 * m;
    const z = new ZplBuilder(setup);
    const lines = (text: string) =>
      text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
    z.text(m, m, 'FROM', { heightMm: 2.5 * s })
      .text(m, m + 3.5 * s, f.shipFromName, { heightMm: 3.5 * s, blockWidthMm: w })
      .text(m, m + 8 * s, lines(f.shipFromAddress), { heightMm: 3.2 * s, blockWidthMm: w, maxLines: 3 })
      .box(m, 24 * s, w, 0.1, 0.4 * s)
      .text(m, 26 * s, 'TO', { heightMm: 2.5 * s })
      .text(m, 30 * s, f.shipToName, { heightMm: 6 * s, blockWidthMm: w })
      .text(m, 38 * s, lines(f.shipToAddress), { heightMm: 5 * s, blockWidthMm: w, maxLines: 4 })
      .box(m, 62 * s, w, 0.1, 0.4 * s)
      .text(m, 64 * s, f.carrier, { heightMm: 7 * s, blockWidthMm: w * 0.6 })
      .text(m + w * 0.6, 64 * s, f.service, { heightMm: 5 * s, blockWidthMm: w * 0.4, align: 'R' })
      .text(
        m,
        74 * s,
        [f.orderRef && `Order ${f.orderRef}`, f.weight, f.packageOf].filter(Boolean).join('   '),
        {
          heightMm: 3.5 * s,
          blockWidthMm: w,
        },
      )
      .code128(m + 4 * s, 84 * s, f.trackingNumber, { heightMm: 30 * s, moduleMm: 0.375 * Math.max(s, 0.5) });
    return z.build();
  },
};
