import { useState, type FormEvent } from 'react';
import type { CommandInput, RoutingSettings } from '@shared/contract';
import { useToast } from '../../../app/toasts';
import { useCommandMutation } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import { RefusalBox } from '../../../app/refusal-box';
import { Field } from './field';
import { changedFields, listText, numberText, parseList, parseNumber } from './form-values';
import { describeSaveError, fieldError, type SaveError } from './save-error';

type FormState = Record<
  | 'depotName'
  | 'depotAddress'
  | 'lat'
  | 'lon'
  | 'dimensions'
  | 'tileUrl'
  | 'tileAttribution'
  | 'osrmUrl'
  | 'osrmTimeoutSec'
  | 'roadFactor'
  | 'defaultTimeLimitSec',
  string
>;

function toForm(s: RoutingSettings, locale: string): FormState {
  return {
    depotName: s.depot.name,
    depotAddress: s.depot.address,
    lat: numberText(s.depot.lat, locale),
    lon: numberText(s.depot.lon, locale),
    dimensions: listText(s.dimensions),
    tileUrl: s.tileUrl,
    tileAttribution: s.tileAttribution,
    osrmUrl: s.osrmUrl,
    osrmTimeoutSec: numberText(s.osrmTimeoutSec, locale),
    roadFactor: numberText(s.roadFactor, locale),
    defaultTimeLimitSec: numberText(s.defaultTimeLimitSec, locale),
  };
}

/** Form → settings, or the first box that does not hold a number (by its command field path). */
function fromForm(f: FormState, locale: string): { settings: RoutingSettings } | { badField: string } {
  const numbers = {
    'depot.lat': parseNumber(f.lat, locale),
    'depot.lon': parseNumber(f.lon, locale),
    osrmTimeoutSec: parseNumber(f.osrmTimeoutSec, locale),
    roadFactor: parseNumber(f.roadFactor, locale),
    defaultTimeLimitSec: parseNumber(f.defaultTimeLimitSec, locale),
  };
  const bad = Object.entries(numbers).find(([, n]) => n === null || Number.isNaN(n));
  if (bad) return { badField: bad[0] };
  return {
    settings: {
      depot: {
        name: f.depotName,
        address: f.depotAddress,
        lat: numbers['depot.lat']!,
        lon: numbers['depot.lon']!,
      },
      dimensions: parseList(f.dimensions),
      tileUrl: f.tileUrl.trim(),
      tileAttribution: f.tileAttribution,
      osrmUrl: f.osrmUrl.trim(),
      osrmTimeoutSec: numbers.osrmTimeoutSec!,
      roadFactor: numbers.roadFactor!,
      defaultTimeLimitSec: numbers.defaultTimeLimitSec!,
    },
  };
}

// The command fields this form shows; an error about any other goes in the box below the form.
const FIELDS = [
  'depot',
  'dimensions',
  'tileUrl',
  'tileAttribution',
  'osrmUrl',
  'osrmTimeoutSec',
  'roadFactor',
  'defaultTimeLimitSec',
];

/**
 * Depot, load dimensions, tiles and OSRM. Sends only what changed, in one command: core saves
 * all of it or, when any value is refused, none of it.
 */
export function RoutingSettingsForm({ settings }: { settings: RoutingSettings }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const update = useCommandMutation('routes.updateSettings');
  const [form, setForm] = useState(() => toForm(settings, locale));
  const [error, setError] = useState<SaveError | null>(null);
  const set = (key: keyof FormState) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const err = (name: string) => fieldError(error, name);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const parsed = fromForm(form, locale);
    if ('badField' in parsed) {
      setError({ field: parsed.badField, message: t('rs.error.notANumber') });
      return;
    }
    const patch: CommandInput<'routes.updateSettings'> = changedFields(settings, parsed.settings);
    if (Object.keys(patch).length === 0) {
      toast({ kind: 'success', title: t('rs.unchanged') });
      return;
    }
    try {
      const saved = await update.mutateAsync(patch);
      setForm(toForm(saved, locale));
      toast({ kind: 'success', title: t('rs.savedToast') });
    } catch (caught) {
      setError(describeSaveError(caught, t));
    }
  }

  const text = (key: keyof FormState, label: MessageKey, name: string, hint?: MessageKey) => (
    <Field
      name={name}
      label={t(label)}
      value={form[key]}
      onChange={set(key)}
      hint={hint && t(hint)}
      error={err(name)}
    />
  );
  const numeric = (key: keyof FormState, label: MessageKey, name: string, hint?: MessageKey) => (
    <Field
      name={name}
      label={t(label)}
      value={form[key]}
      onChange={set(key)}
      hint={hint && t(hint)}
      error={err(name)}
      inputMode="decimal"
      required
    />
  );
  const elsewhere = error && !FIELDS.some((f) => fieldError(error, f));

  return (
    <form className="form rs-form" onSubmit={submit} data-testid="routing-settings-form" noValidate>
      <fieldset disabled={update.isPending}>
        <h3>{t('rs.depot')}</h3>
        <div className="row">
          {text('depotName', 'rs.depotName', 'depot.name')}
          {text('depotAddress', 'rs.depotAddress', 'depot.address')}
        </div>
        <div className="row">
          {numeric('lat', 'rs.lat', 'depot.lat')}
          {numeric('lon', 'rs.lon', 'depot.lon')}
          {text('dimensions', 'rs.dimensions', 'dimensions', 'rs.dimensionsHint')}
        </div>
        <h3>{t('rs.map')}</h3>
        {text('tileUrl', 'rs.tileUrl', 'tileUrl', 'rs.tileUrlHint')}
        {text('tileAttribution', 'rs.tileAttribution', 'tileAttribution')}
        <div className="row">
          {text('osrmUrl', 'rs.osrmUrl', 'osrmUrl', 'rs.osrmUrlHint')}
          {numeric('osrmTimeoutSec', 'rs.osrmTimeout', 'osrmTimeoutSec')}
        </div>
        <div className="row">
          {numeric('roadFactor', 'rs.roadFactor', 'roadFactor', 'rs.roadFactorHint')}
          {numeric('defaultTimeLimitSec', 'rs.timeLimit', 'defaultTimeLimitSec')}
        </div>
      </fieldset>
      {elsewhere && <RefusalBox refusal={error} />}
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            setForm(toForm(settings, locale));
            setError(null);
          }}
        >
          {t('rs.reset')}
        </button>
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('rs.save')}
        </button>
      </div>
    </form>
  );
}
