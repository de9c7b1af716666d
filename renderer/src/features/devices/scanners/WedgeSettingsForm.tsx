import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { WedgeSettings } from '@shared/contract';
import { useApi } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import { useRun } from '../device-ui';
import { useWedgeSettings } from '../wedge/KeyboardWedge';
import { validateWedgeSettings } from '../wedge/wedge-settings';

/** How the keyboard-wedge scanner is programmed: its prefix, its GS text and its suffix key. */
export function WedgeSettingsForm() {
  const { t } = useI18n();
  const api = useApi();
  const run = useRun();
  const queryClient = useQueryClient();
  const settings = useWedgeSettings();
  const [form, setForm] = useState<WedgeSettings>(settings);
  const [shown, setShown] = useState(settings);
  if (shown !== settings) {
    setShown(settings);
    setForm(settings);
  }
  const errors = validateWedgeSettings(form);
  const dirty =
    form.prefix !== settings.prefix ||
    form.gsPlaceholder !== settings.gsPlaceholder ||
    form.suffix !== settings.suffix;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (Object.keys(errors).length > 0) return;
    const saved = await run(() => api.call('devices.updateWedgeSettings', form), {
      error: t('wedge.saveRefused'),
      success: () => t('wedge.saved'),
    });
    // The wedge listens with these settings from now on, without waiting for a pushed refresh.
    if (saved) queryClient.setQueryData(['devices.wedgeSettings', {}], saved);
  }

  return (
    <form className="panel wedge-form form" onSubmit={submit} aria-label={t('wedge.title')}>
      <h3>{t('wedge.title')}</h3>
      <p className="muted small">{t('wedge.explain')}</p>
      <div className="row">
        <div className="field">
          <label>
            {t('wedge.prefix')}
            <input
              value={form.prefix}
              maxLength={10}
              placeholder={t('wedge.none')}
              aria-invalid={errors.prefix ? true : undefined}
              onChange={(e) => setForm({ ...form, prefix: e.target.value })}
            />
          </label>
          {errors.prefix && <span className="field-error">{t(`wedge.error.${errors.prefix}`)}</span>}
        </div>
        <div className="field">
          <label>
            {t('wedge.gs')}
            <input
              value={form.gsPlaceholder}
              maxLength={10}
              placeholder={t('wedge.none')}
              aria-invalid={errors.gsPlaceholder ? true : undefined}
              onChange={(e) => setForm({ ...form, gsPlaceholder: e.target.value })}
            />
          </label>
          {errors.gsPlaceholder && (
            <span className="field-error">{t(`wedge.error.${errors.gsPlaceholder}`)}</span>
          )}
        </div>
        <label>
          {t('wedge.suffix')}
          <select
            value={form.suffix}
            onChange={(e) => setForm({ ...form, suffix: e.target.value as WedgeSettings['suffix'] })}
          >
            <option value="Enter">{t('wedge.suffix.Enter')}</option>
            <option value="Tab">{t('wedge.suffix.Tab')}</option>
          </select>
        </label>
      </div>
      <div className="actions">
        <span className="spacer" />
        <button type="submit" disabled={!dirty || Object.keys(errors).length > 0}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
