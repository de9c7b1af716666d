import { useState, type FormEvent } from 'react';
import { useApi, useCommandQuery } from '../../../lib/api/hooks';
import { formatNumber } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useRun } from '../device-ui';

/** Checks the SSCC numbering form as core will; returns the field problems by name. */
export function checkSsccForm(prefix: string, extension: string): { prefix?: 'digits'; extension?: 'digit' } {
  const errors: { prefix?: 'digits'; extension?: 'digit' } = {};
  if (!/^\d{6,12}$/.test(prefix.trim())) errors.prefix = 'digits';
  if (!/^\d$/.test(extension.trim())) errors.extension = 'digit';
  return errors;
}

/**
 * The GS1 company prefix pallet labels are numbered from, and how many SSCCs it has left. The
 * serial counter only moves forward (core refuses to reuse numbers), so only prefix and extension
 * digit can be changed here.
 */
export function SsccSettingsForm() {
  const { t, locale } = useI18n();
  const api = useApi();
  const run = useRun();
  const settings = useCommandQuery('devices.ssccSettings', {});
  const s = settings.data;
  const [form, setForm] = useState<{ prefix: string; extension: string } | null>(null);
  const shown = form ?? { prefix: s?.companyPrefix ?? '', extension: String(s?.extension ?? 0) };
  const errors = checkSsccForm(shown.prefix, shown.extension);
  const dirty =
    form !== null &&
    (form.prefix !== (s?.companyPrefix ?? '') || form.extension !== String(s?.extension ?? 0));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (Object.keys(errors).length > 0) return;
    const saved = await run(
      () =>
        api.call('devices.updateSsccSettings', {
          companyPrefix: shown.prefix.trim(),
          extension: Number(shown.extension),
        }),
      { error: t('sscc.refused'), success: () => t('sscc.saved') },
    );
    if (saved) setForm(null);
  }

  return (
    <form className="panel form sscc-form" onSubmit={submit} aria-label={t('sscc.title')} noValidate>
      <h3>{t('sscc.title')}</h3>
      {s && (
        <p className="small" data-testid="sscc-next">
          {s.nextSscc
            ? t('sscc.next', { sscc: s.nextSscc, remaining: formatNumber(s.remaining, locale) })
            : s.companyPrefix
              ? t('sscc.usedUp')
              : t('sscc.noPrefix')}
        </p>
      )}
      <div className="row">
        <div className="field">
          <label>
            {t('sscc.prefix')}
            <input
              inputMode="numeric"
              maxLength={12}
              value={shown.prefix}
              aria-invalid={dirty && errors.prefix ? true : undefined}
              onChange={(e) => setForm({ ...shown, prefix: e.target.value })}
            />
          </label>
          {dirty && errors.prefix && <span className="field-error">{t('sscc.error.digits')}</span>}
        </div>
        <div className="field narrow">
          <label>
            {t('sscc.extension')}
            <input
              inputMode="numeric"
              maxLength={1}
              value={shown.extension}
              aria-invalid={dirty && errors.extension ? true : undefined}
              onChange={(e) => setForm({ ...shown, extension: e.target.value })}
            />
          </label>
          {dirty && errors.extension && <span className="field-error">{t('sscc.error.digit')}</span>}
        </div>
      </div>
      <div className="actions">
        <span className="muted small">{t('sscc.counterNote')}</span>
        <span className="spacer" />
        <button type="submit" disabled={!dirty || Object.keys(errors).length > 0}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
