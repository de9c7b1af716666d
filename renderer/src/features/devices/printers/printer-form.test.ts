import { describe, expect, it } from 'vitest';
import { checkPrinterForm, fieldOfIssue, formFromPrinter } from './printer-form';

const base = { ...formFromPrinter(undefined, 'en-GB'), name: 'Dock printer', host: '10.0.0.5' };

describe('checkPrinterForm', () => {
  it('builds the payload for a network printer, reading a decimal comma', () => {
    const r = checkPrinterForm({ ...base, labelWidthMm: '101,6' }, 'sv-SE');
    expect(r.errors).toEqual({});
    expect(r.payload).toEqual({
      name: 'Dock printer',
      transport: { kind: 'tcp', host: '10.0.0.5', port: 9100 },
      dpi: 203,
      labelWidthMm: 101.6,
      labelHeightMm: 152.4,
      defaultTemplates: { default: 'shipping' },
    });
  });

  it('reports every bad box at once, by field', () => {
    const r = checkPrinterForm(
      {
        ...base,
        name: ' ',
        host: 'bad host!',
        port: '70000',
        labelWidthMm: '5',
        labelHeightMm: '',
      },
      'en-GB',
    );
    expect(r.payload).toBeNull();
    expect(r.errors).toEqual({
      name: 'required',
      host: 'hostInvalid',
      port: 'portRange',
      labelWidthMm: 'widthRange',
      labelHeightMm: 'heightRange',
    });
  });

  it('checks serial, USB device and CUPS transports with their own boxes', () => {
    expect(
      checkPrinterForm({ ...base, kind: 'serial', path: '/dev/ttyUSB0', baudRate: '9600' }, 'en-GB').payload
        ?.transport,
    ).toEqual({
      kind: 'serial',
      path: '/dev/ttyUSB0',
      baudRate: 9600,
    });
    expect(
      checkPrinterForm({ ...base, kind: 'serial', path: '/dev/../etc/passwd', baudRate: '1234' }, 'en-GB')
        .errors,
    ).toEqual({
      path: 'pathInvalid',
      baudRate: 'baudInvalid',
    });
    expect(checkPrinterForm({ ...base, kind: 'device', path: '' }, 'en-GB').errors).toEqual({
      path: 'required',
    });
    expect(checkPrinterForm({ ...base, kind: 'device', path: '/tmp/labels.zpl' }, 'en-GB').errors).toEqual({
      path: 'pathInvalid',
    });
    expect(
      checkPrinterForm({ ...base, kind: 'device', path: '/dev/usb/lp0' }, 'en-GB').payload?.transport,
    ).toEqual({
      kind: 'device',
      path: '/dev/usb/lp0',
    });
    expect(checkPrinterForm({ ...base, labelHeightMm: '1200' }, 'en-GB').errors).toEqual({
      labelHeightMm: 'heightRange',
    });
    expect(checkPrinterForm({ ...base, kind: 'cups', queue: 'zebra dock' }, 'en-GB').errors).toEqual({
      queue: 'queueInvalid',
    });
    expect(
      checkPrinterForm({ ...base, kind: 'cups', queue: 'zebra_dock' }, 'en-GB').payload?.transport,
    ).toEqual({
      kind: 'cups',
      queue: 'zebra_dock',
    });
  });
});

describe('fieldOfIssue', () => {
  it('maps core issue paths to the boxes, and unknown ones to none', () => {
    expect(fieldOfIssue(['transport', 'host'])).toBe('host');
    expect(fieldOfIssue(['labelWidthMm'])).toBe('labelWidthMm');
    expect(fieldOfIssue(['defaultTemplates', 'x'])).toBeNull();
  });
});
