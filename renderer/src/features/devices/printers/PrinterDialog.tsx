import { useState, type FormEvent, type ReactNode } from 'react';
import {
  BAUD_RATES,
  PRINTER_DPIS,
  type Printer,
  type PrinterDpi,
  type PrinterTransport,
} from '@shared/contract';
import { Dialog, FormActions } from '../../../app/dialog';
import { useToast } from '../../../app/toasts';
import { useApi, useCommandQuery } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import { issuesOf, issueText } from '../../../lib/input-issues';
import { ProblemBox, useSave } from '../device-ui';
import { templateName } from './template-text';
import {
  checkPrinterForm,
  fieldOfIssue,
  formFromPrinter,
  type PrinterForm,
  type PrinterFormErrors,
  type PrinterFormField,
} from './printer-form';

const KINDS: PrinterTransport['kind'][] = ['tcp', 'serial', 'device', 'cups'];
/** Common Zebra label stock, width × height in mm. */
const SIZES = [
  [101.6, 152.4],
  [101.6, 101.6],
  [101.6, 76.2],
  [57, 32],
] as const;

/** Add a label printer or change one: how it is connected, its resolution and label size. */
export function PrinterDialog({ printer, onClose }: { printer?: Printer; onClose(): void }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const toast = useToast();
  const templates = useCommandQuery('devices.listTemplates', {}, { staleTime: Infinity });
  const [form, setForm] = useState<PrinterForm>(() => formFromPrinter(printer, locale));
  const [errors, setErrors] = useState<PrinterFormErrors>({});
  const [serverFieldText, setServerFieldText] = useState<Partial<Record<PrinterFormField, string>>>({});
  const { busy, problem, setProblem, save } = useSave();
  const set = (patch: Partial<PrinterForm>) => setForm((f) => ({ ...f, ...patch }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setServerFieldText({});
    const checked = checkPrinterForm(form, locale);
    setErrors(checked.errors);
    if (!checked.payload) return;
    const payload = checked.payload;
    await save(
      async () => {
        const saved = printer
          ? await api.call('devices.updatePrinter', { id: printer.id, ...payload })
          : await api.call('devices.createPrinter', payload);
        toast({
          kind: 'success',
          title: t(printer ? 'printerForm.saved' : 'printerForm.created', { name: saved.name }),
        });
        onClose();
      },
      (err) => {
        // Core checks the same rules; anything it still refuses is shown by the box it names.
        const byField: Partial<Record<PrinterFormField, string>> = {};
        for (const i of issuesOf(err)) {
          const field = fieldOfIssue(i.path);
          if (field) byField[field] = issueText(i, t);
        }
        setServerFieldText(byField);
      },
    );
  }

  const field = (name: PrinterFormField, label: string, input: (invalid: boolean) => ReactNode) => {
    const problemText = errors[name] ? t(`printerForm.error.${errors[name]}`) : serverFieldText[name];
    // The message sits outside the label, so the box keeps its plain name while it is wrong.
    return (
      <div className="field">
        <label>
          {label}
          {input(Boolean(problemText))}
        </label>
        {problemText && (
          <span className="field-error" id={`pf-${name}-error`}>
            {problemText}
          </span>
        )}
      </div>
    );
  };
  const aria = (name: PrinterFormField, invalid: boolean) =>
    invalid ? { 'aria-invalid': true as const, 'aria-describedby': `pf-${name}-error` } : {};

  return (
    <Dialog
      title={printer ? t('printerForm.edit', { name: printer.name }) : t('printerForm.new')}
      onClose={onClose}
    >
      <form className="form" onSubmit={submit} noValidate>
        <fieldset disabled={busy}>
          {field('name', t('printerForm.name'), (bad) => (
            <input
              maxLength={60}
              value={form.name}
              onChange={(e) => set({ name: e.target.value })}
              {...aria('name', bad)}
            />
          ))}
          <fieldset className="checks">
            <legend>{t('printerForm.connection')}</legend>
            {KINDS.map((k) => (
              <label key={k} className="check">
                <input type="radio" name="kind" checked={form.kind === k} onChange={() => set({ kind: k })} />
                {t(`printerForm.kind.${k}`)}
              </label>
            ))}
          </fieldset>
          {form.kind === 'tcp' && (
            <div className="row">
              {field('host', t('printerForm.host'), (bad) => (
                <input
                  value={form.host}
                  placeholder="192.168.1.50"
                  onChange={(e) => set({ host: e.target.value })}
                  {...aria('host', bad)}
                />
              ))}
              {field('port', t('printerForm.port'), (bad) => (
                <input
                  inputMode="numeric"
                  value={form.port}
                  onChange={(e) => set({ port: e.target.value })}
                  {...aria('port', bad)}
                />
              ))}
            </div>
          )}
          {(form.kind === 'serial' || form.kind === 'device') && (
            <div className="row">
              {field('path', t('printerForm.path'), (bad) => (
                <input
                  value={form.path}
                  placeholder={form.kind === 'serial' ? '/dev/ttyUSB0' : '/dev/usb/lp0'}
                  onChange={(e) => set({ path: e.target.value })}
                  {...aria('path', bad)}
                />
              ))}
              {form.kind === 'serial' &&
                field('baudRate', t('printerForm.baud'), (bad) => (
                  <select
                    value={form.baudRate}
                    onChange={(e) => set({ baudRate: e.target.value })}
                    {...aria('baudRate', bad)}
                  >
                    {BAUD_RATES.map((b) => (
                      <option key={b} value={String(b)}>
                        {b}
                      </option>
                    ))}
                  </select>
                ))}
            </div>
          )}
          {form.kind === 'cups' &&
            field('queue', t('printerForm.queue'), (bad) => (
              <input
                value={form.queue}
                placeholder="zebra_dock"
                onChange={(e) => set({ queue: e.target.value })}
                {...aria('queue', bad)}
              />
            ))}
          {form.kind === 'cups' && <p className="muted small">{t('printerForm.cupsNote')}</p>}
          <div className="row">
            <label>
              {t('printerForm.dpi')}
              <select value={form.dpi} onChange={(e) => set({ dpi: Number(e.target.value) as PrinterDpi })}>
                {PRINTER_DPIS.map((d) => (
                  <option key={d} value={d}>
                    {d} dpi
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('printerForm.stock')}
              <select
                value={`${form.labelWidthMm}×${form.labelHeightMm}`}
                onChange={(e) => {
                  const [w, h] = e.target.value.split('×');
                  if (w && h) set({ labelWidthMm: w, labelHeightMm: h });
                }}
              >
                {SIZES.map(([w, h]) => (
                  <option key={`${w}×${h}`} value={`${w}×${h}`}>
                    {w} × {h} mm
                  </option>
                ))}
                {!SIZES.some(([w, h]) => `${w}×${h}` === `${form.labelWidthMm}×${form.labelHeightMm}`) && (
                  <option value={`${form.labelWidthMm}×${form.labelHeightMm}`}>
                    {t('printerForm.custom')}
                  </option>
                )}
              </select>
            </label>
          </div>
          <div className="row">
            {field('labelWidthMm', t('printerForm.width'), (bad) => (
              <input
                inputMode="decimal"
                value={form.labelWidthMm}
                onChange={(e) => set({ labelWidthMm: e.target.value })}
                {...aria('labelWidthMm', bad)}
              />
            ))}
            {field('labelHeightMm', t('printerForm.height'), (bad) => (
              <input
                inputMode="decimal"
                value={form.labelHeightMm}
                onChange={(e) => set({ labelHeightMm: e.target.value })}
                {...aria('labelHeightMm', bad)}
              />
            ))}
          </div>
          <label>
            {t('printerForm.defaultTemplate')}
            <select value={form.defaultTemplate} onChange={(e) => set({ defaultTemplate: e.target.value })}>
              {templates.data?.map((x) => (
                <option key={x.id} value={x.id}>
                  {templateName(x.id, x.title, t)}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <ProblemBox title={t('error.title')} problem={problem} />
        <FormActions
          onCancel={onClose}
          busy={busy}
          submitLabel={printer ? t('common.save') : t('printerForm.add')}
        />
      </form>
    </Dialog>
  );
}
