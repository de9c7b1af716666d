import { useState, type FormEvent } from 'react';
import { MAX_COPIES, type LabelPreview, type Printer } from '@shared/contract';
import { Dialog } from '../../../app/dialog';
import { useToast } from '../../../app/toasts';
import { useApi, useCommandQuery } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import { errorText, ProblemBox, useSave } from '../device-ui';
import { LabelImages } from './LabelImages';
import { fieldLabel, templateName } from './template-text';

/** Fill a label template, look at the rendered label, then print it (any number of copies). */
export function PrintDialog({ printer, onClose }: { printer: Printer; onClose(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const templates = useCommandQuery('devices.listTemplates', {}, { staleTime: Infinity });
  const [templateId, setTemplateId] = useState(printer.defaultTemplates.default ?? '');
  const template = templates.data?.find((x) => x.id === templateId) ?? templates.data?.[0];
  const [fields, setFields] = useState<Record<string, string>>({});
  const [copies, setCopies] = useState('1');
  const [preview, setPreview] = useState<LabelPreview | null>(null);
  const { busy, problem, setProblem, save } = useSave();
  const copiesN = Number(copies);
  const copiesBad = !Number.isInteger(copiesN) || copiesN < 1 || copiesN > MAX_COPIES;
  const missing = (template?.fields ?? []).filter((f) => f.required && !(fields[f.key] ?? '').trim());

  function change(key: string, value: string) {
    setFields((f) => ({ ...f, [key]: value }));
    setPreview(null);
  }

  async function showPreview() {
    if (!template) return;
    setProblem(null);
    try {
      setPreview(await api.call('devices.preview', { template: template.id, fields, printerId: printer.id }));
    } catch (err) {
      setProblem(errorText(err));
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!template || copiesBad || missing.length > 0) return;
    await save(async () => {
      const batch = await api.call('devices.print', {
        printerId: printer.id,
        template: template.id,
        items: [{ fields, copies: copiesN }],
      });
      toast({ kind: 'success', title: t('print.queued', { count: batch.total, name: printer.name }) });
      onClose();
    });
  }

  return (
    <Dialog title={t('print.title', { name: printer.name })} onClose={onClose} wide>
      <form className="form print-form" onSubmit={submit}>
        <div className="print-grid">
          <fieldset disabled={busy}>
            <label>
              {t('print.template')}
              <select
                value={template?.id ?? ''}
                onChange={(e) => {
                  setTemplateId(e.target.value);
                  setPreview(null);
                }}
              >
                {templates.data?.map((x) => (
                  <option key={x.id} value={x.id}>
                    {templateName(x.id, x.title, t)}
                  </option>
                ))}
              </select>
            </label>
            {template?.fields.map((f) => (
              <label key={f.key}>
                <span>
                  {fieldLabel(f.key, f.label, t)}
                  {f.required && <span aria-hidden> *</span>}
                </span>
                {f.multiline ? (
                  <textarea
                    rows={3}
                    maxLength={f.maxLength}
                    required={f.required}
                    value={fields[f.key] ?? ''}
                    onChange={(e) => change(f.key, e.target.value)}
                  />
                ) : (
                  <input
                    maxLength={f.maxLength}
                    required={f.required}
                    value={fields[f.key] ?? ''}
                    onChange={(e) => change(f.key, e.target.value)}
                  />
                )}
              </label>
            ))}
            <div className="field narrow">
              <label>
                {t('print.copies')}
                <input
                  inputMode="numeric"
                  value={copies}
                  aria-invalid={copiesBad ? true : undefined}
                  aria-describedby="copies-help"
                  onChange={(e) => setCopies(e.target.value)}
                />
              </label>
              <span id="copies-help" className={`small ${copiesBad ? 'danger-text' : 'muted'}`}>
                {t('print.copiesHelp', { max: MAX_COPIES })}
              </span>
            </div>
          </fieldset>
          <div className="print-preview">
            {preview ? (
              <LabelImages preview={preview} />
            ) : (
              <div className="preview-empty muted">{t('print.previewHint')}</div>
            )}
            <button
              type="button"
              onClick={() => void showPreview()}
              disabled={!template || missing.length > 0}
            >
              {t('print.preview')}
            </button>
          </div>
        </div>
        <ProblemBox title={t('print.notPrinted')} problem={problem} />
        <div className="actions">
          {missing.length > 0 && (
            <span className="muted small">
              {t('print.missing', { fields: missing.map((f) => fieldLabel(f.key, f.label, t)).join(', ') })}
            </span>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={busy || copiesBad || missing.length > 0 || !template}
          >
            {busy ? t('print.sending') : t('print.print', { count: copiesBad ? 0 : copiesN })}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
