import { numberText, parseNumber } from '../../../lib/format';
import { BAUD_RATES, type Printer, type PrinterDpi, type PrinterTransport } from '@shared/contract';

/** The add/edit printer form as typed: every box is text until it is checked. */
export interface PrinterForm {
  name: string;
  kind: PrinterTransport['kind'];
  host: string;
  port: string;
  path: string;
  baudRate: string;
  queue: string;
  dpi: PrinterDpi;
  labelWidthMm: string;
  labelHeightMm: string;
  defaultTemplate: string;
}

export type PrinterFormField =
  'name' | 'host' | 'port' | 'path' | 'baudRate' | 'queue' | 'labelWidthMm' | 'labelHeightMm';

/** Problems by field, as message keys the form shows next to the box. */
export type PrinterFormErrors = Partial<Record<PrinterFormField, PrinterFormProblem>>;
export type PrinterFormProblem =
  | 'required'
  | 'hostInvalid'
  | 'portRange'
  | 'pathInvalid'
  | 'queueInvalid'
  | 'widthRange'
  | 'heightRange'
  | 'baudInvalid';

export interface PrinterPayload {
  name: string;
  transport: PrinterTransport;
  dpi: PrinterDpi;
  labelWidthMm: number;
  labelHeightMm: number;
  defaultTemplates: Record<string, string>;
}

export function formFromPrinter(p: Printer | undefined, locale: string): PrinterForm {
  const tr = p?.transport;
  return {
    name: p?.name ?? '',
    kind: tr?.kind ?? 'tcp',
    host: tr?.kind === 'tcp' ? tr.host : '',
    port: tr?.kind === 'tcp' ? String(tr.port) : '9100',
    path: tr?.kind === 'serial' || tr?.kind === 'device' ? tr.path : '',
    baudRate: tr?.kind === 'serial' ? String(tr.baudRate) : '9600',
    queue: tr?.kind === 'cups' ? tr.queue : '',
    dpi: p?.dpi ?? 203,
    labelWidthMm: numberText(p?.labelWidthMm ?? 101.6, locale),
    labelHeightMm: numberText(p?.labelHeightMm ?? 152.4, locale),
    defaultTemplate: p?.defaultTemplates.default ?? 'shipping',
  };
}

const num = (s: string, locale: string): number => parseNumber(s, locale) ?? Number.NaN;

/**
 * Checks the form the way core will (same limits as the contract's schema), so the operator
 * sees every problem at once, by the box, in their language. Returns the payload when clean.
 */
export function checkPrinterForm(
  f: PrinterForm,
  locale: string,
): {
  errors: PrinterFormErrors;
  payload: PrinterPayload | null;
} {
  const errors: PrinterFormErrors = {};
  if (!f.name.trim()) errors.name = 'required';
  let transport: PrinterTransport | null = null;
  const path = f.path.trim();
  // A USB printer is a character device: only paths under /dev/ (core refuses others too).
  const pathOk =
    path !== '' && !path.split('/').includes('..') && (f.kind !== 'device' || path.startsWith('/dev/'));
  if (f.kind === 'tcp') {
    const host = f.host.trim();
    const port = num(f.port, locale);
    if (!host) errors.host = 'required';
    else if (!/^[\w.:-]+$/.test(host) || host.length > 253) errors.host = 'hostInvalid';
    if (!Number.isInteger(port) || port < 1 || port > 65535) errors.port = 'portRange';
    transport = { kind: 'tcp', host, port };
  } else if (f.kind === 'serial' || f.kind === 'device') {
    if (!path) errors.path = 'required';
    else if (!pathOk) errors.path = 'pathInvalid';
    const baudRate = num(f.baudRate, locale);
    if (f.kind === 'serial' && !(BAUD_RATES as readonly number[]).includes(baudRate))
      errors.baudRate = 'baudInvalid';
    transport = f.kind === 'serial' ? { kind: 'serial', path, baudRate } : { kind: 'device', path };
  } else {
    const queue = f.queue.trim();
    if (!queue) errors.queue = 'required';
    else if (!/^[\w.@-]+$/.test(queue)) errors.queue = 'queueInvalid';
    transport = { kind: 'cups', queue };
  }
  const width = num(f.labelWidthMm, locale);
  const height = num(f.labelHeightMm, locale);
  if (!(width >= 10 && width <= 220)) errors.labelWidthMm = 'widthRange';
  if (!(height >= 5 && height <= 1000)) errors.labelHeightMm = 'heightRange';
  if (Object.keys(errors).length > 0) return { errors, payload: null };
  return {
    errors,
    payload: {
      name: f.name.trim(),
      transport,
      dpi: f.dpi,
      labelWidthMm: width,
      labelHeightMm: height,
      defaultTemplates: f.defaultTemplate ? { default: f.defaultTemplate } : {},
    },
  };
}

/** Maps core's validation issue paths (`transport.host`) onto the form's boxes. */
export function fieldOfIssue(path: readonly string[]): PrinterFormField | null {
  const last = path[path.length - 1];
  const known: PrinterFormField[] = [
    'name',
    'host',
    'port',
    'path',
    'baudRate',
    'queue',
    'labelWidthMm',
    'labelHeightMm',
  ];
  return known.includes(last as PrinterFormField) ? (last as PrinterFormField) : null;
}
