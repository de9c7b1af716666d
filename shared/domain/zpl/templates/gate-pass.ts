import { ZplBuilder } from '../builder';
import { readFields, scaleFor, type LabelTemplate } from './template';

type Key =
  | 'site'
  | 'appointmentRef'
  | 'carrier'
  | 'door'
  | 'window'
  | 'driver'
  | 'truckPlate'
  | 'qrPayload'
  | 'barcode';

/**
 * Dock appointment gate pass (4×3 in): big door number, window, a QR the gate scans back and,
 * when given, the same code as Code 128 for 1D scanners.
 */
export const gatePass: LabelTemplate<Key> = {
  id: 'gate-pass',
  title: 'gate pass',
  designSize: { widthMm: 101.6, heightMm: 76.2 },
  fields: [
    { key: 'site', label: 'Site', required: true, maxLength: 60 },
    { key: 'appointmentRef', label: 'Appointment', required: true, maxLength: 40 },
    { key: 'carrier', label: 'Carrier', required: true, maxLength: 60 },
    { key: 'door', label: 'Door', required: true, maxLength: 20 },
    { key: 'window', label: 'Time window', required: true, maxLength: 40 },
    { key: 'driver', label: 'Driver', required: false, maxLength: 60 },
    { key: 'truckPlate', label: 'Truck plate', required: false, maxLength: 20 },
    { key: 'qrPayload', label: 'QR content', required: true, maxLength: 200 },
    { key: 'barcode', label: 'Code 128', required: false, maxLength: 40 },
  ],
  render(data, setup) {
    const f = readFields(this, data);
    const s = scaleFor(this.designSize, setup);
    const m = 3 * s;
    const textW = setup.widthMm * 0.6 - m;
    const z = new ZplBuilder(setup);
    z.text(m, m, `GATE PASS  ${f.site}`, { heightMm: 4 * s, blockWidthMm: setup.widthMm - 2 * m })
      .box(m, 9 * s, setup.widthMm - 2 * m, 0.1, 0.4 * s)
      .text(m, 12 * s, 'DOOR', { heightMm: 3 * s, blockWidthMm: textW })
      .text(m, 16 * s, f.door, { heightMm: 14 * s, blockWidthMm: textW })
      .text(m, 33 * s, f.window, { heightMm: 4.5 * s, blockWidthMm: textW })
      .text(
        m,
        40 * s,
        [f.carrier, [f.driver, f.truckPlate].filter(Boolean).join('  '), `Ref ${f.appointmentRef}`].filter(
          Boolean,
        ),
        {
          heightMm: 3.5 * s,
          blockWidthMm: textW,
          maxLines: 3,
        },
      )
      .qr(setup.widthMm * 0.6 + m, 12 * s, f.qrPayload, { moduleMm: 0.6 * s });
    if (f.barcode) z.code128(m, 56 * s, f.barcode, { heightMm: 10 * s });
    return z.build();
  },
};
