import { useState, type FormEvent } from 'react';
import type { ScannerFraming } from '@shared/contract';
import { Dialog, FormActions } from '../../../app/dialog';
import { useToast } from '../../../app/toasts';
import { useApi, useCommandQuery } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import { issuesOf } from '../../../lib/input-issues';
import { BaudRateField, ProblemBox, useSave } from '../device-ui';

/** Add a serial scanner: its port (from the ports found), speed and line ending. */
export function ScannerDialog({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const ports = useCommandQuery('devices.listSerialPorts', {});
  const [form, setForm] = useState({ name: '', path: '', baudRate: 9600, framing: 'cr' as ScannerFraming });
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const { busy, problem, setProblem, save } = useSave();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = new Set<string>();
    if (!form.name.trim()) missing.add('name');
    if (!form.path.trim()) missing.add('path');
    setInvalid(missing);
    if (missing.size > 0) return setProblem(t('scannerForm.missing'));
    await save(
      async () => {
        const saved = await api.call('devices.createScanner', form);
        toast({ kind: 'success', title: t('scannerForm.created', { name: saved.name }) });
        onClose();
      },
      (err) => setInvalid(new Set(issuesOf(err).map((i) => i.path[0] ?? ''))),
    );
  }

  return (
    <Dialog title={t('scannerForm.new')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset disabled={busy}>
          <label>
            {t('scannerForm.name')}
            <input
              maxLength={60}
              value={form.name}
              aria-invalid={invalid.has('name') ? true : undefined}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          </label>
          <label>
            {t('scannerForm.path')}
            <input
              list="serial-ports"
              placeholder="/dev/ttyACM0"
              value={form.path}
              aria-invalid={invalid.has('path') ? true : undefined}
              onChange={(e) => setForm({ ...form, path: e.target.value })}
            />
            <datalist id="serial-ports">
              {ports.data?.map((p) => (
                <option key={p.path} value={p.path}>
                  {p.manufacturer ?? ''}
                </option>
              ))}
            </datalist>
            {ports.data && (
              <span className="muted small">
                {ports.data.length === 0
                  ? t('scannerForm.noPorts')
                  : t('scannerForm.ports', { count: ports.data.length })}
              </span>
            )}
          </label>
          <div className="row">
            <BaudRateField value={form.baudRate} onChange={(baudRate) => setForm({ ...form, baudRate })} />
            <label>
              {t('scannerForm.framing')}
              <select
                value={form.framing}
                onChange={(e) => setForm({ ...form, framing: e.target.value as ScannerFraming })}
              >
                <option value="cr">CR</option>
                <option value="crlf">CR LF</option>
              </select>
            </label>
          </div>
        </fieldset>
        <ProblemBox title={t('error.title')} problem={problem} />
        <FormActions onCancel={onClose} busy={busy} submitLabel={t('scannerForm.add')} />
      </form>
    </Dialog>
  );
}
