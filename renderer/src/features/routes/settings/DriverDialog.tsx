import { useState, type FormEvent } from 'react';
import type { Driver } from '@shared/contract';
import { Dialog, FormActions } from '../../../app/dialog';
import { useToast } from '../../../app/toasts';
import { useCommandMutation } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import { RefusalBox } from '../../../app/refusal-box';
import { Field } from './field';
import { listText, parseList } from './form-values';
import { describeSaveError, fieldError, type SaveError } from './save-error';

const FIELDS = ['name', 'phone', 'skills'];

/** Create a driver or edit one: name, phone, qualifications, and whether they drive at all. */
export function DriverDialog({ driver, onClose }: { driver?: Driver; onClose(): void }) {
  const { t } = useI18n();
  const toast = useToast();
  const create = useCommandMutation('routes.createDriver');
  const update = useCommandMutation('routes.updateDriver');
  const [form, setForm] = useState({
    name: driver?.name ?? '',
    phone: driver?.phone ?? '',
    skills: listText(driver?.skills ?? []),
    active: driver?.active ?? true,
  });
  const [error, setError] = useState<SaveError | null>(null);
  const busy = create.isPending || update.isPending;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const input = { name: form.name, phone: form.phone, skills: parseList(form.skills), active: form.active };
    try {
      const saved = driver
        ? await update.mutateAsync({ id: driver.id, ...input })
        : await create.mutateAsync(input);
      toast({
        kind: 'success',
        title: t(driver ? 'rs.driver.savedToast' : 'rs.driver.createdToast', { name: saved.name }),
      });
      onClose();
    } catch (caught) {
      setError(describeSaveError(caught, t));
    }
  }

  const elsewhere = error && !FIELDS.some((f) => fieldError(error, f));
  return (
    <Dialog
      title={driver ? t('rs.driver.edit', { name: driver.name }) : t('rs.driver.new')}
      onClose={onClose}
    >
      <form className="form rs-dialog" onSubmit={submit} noValidate>
        <fieldset disabled={busy}>
          <div className="row">
            <Field
              name="name"
              label={t('rs.driver.name')}
              value={form.name}
              onChange={(name) => setForm((f) => ({ ...f, name }))}
              error={fieldError(error, 'name')}
              maxLength={80}
              required
            />
            <Field
              name="phone"
              label={t('rs.driver.phone')}
              value={form.phone}
              onChange={(phone) => setForm((f) => ({ ...f, phone }))}
              error={fieldError(error, 'phone')}
              maxLength={40}
              type="tel"
            />
          </div>
          <Field
            name="skills"
            label={t('rs.driver.skills')}
            value={form.skills}
            onChange={(skills) => setForm((f) => ({ ...f, skills }))}
            hint={t('rs.driver.skillsHint')}
            error={fieldError(error, 'skills')}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={form.active}
              onChange={(e) => setForm((f) => ({ ...f, active: e.target.checked }))}
            />
            {t('rs.driver.active')}
          </label>
        </fieldset>
        {elsewhere && <RefusalBox refusal={error} />}
        <FormActions
          onCancel={onClose}
          busy={busy}
          submitLabel={driver ? t('common.save') : t('rs.driver.create')}
        />
      </form>
    </Dialog>
  );
}
