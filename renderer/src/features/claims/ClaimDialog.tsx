import { useState, type FormEvent } from 'react';
import {
  CLAIM_COUNTRIES,
  CLAIM_CURRENCIES,
  CLAIM_LANGUAGES,
  CLAIM_TYPES,
  type ClaimType,
  type CommandInput,
} from '@shared/contract';
import { REGIMES } from '@shared/domain/claims/regimes';
import { isoDate } from '@shared/domain/time';
import { DateField } from '../../app/date-field';
import { Dialog, FormActions } from '../../app/dialog';
import { useCommandMutation, useCommandQuery } from '../../lib/api/hooks';
import { numberText, parseMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { claimsErrorText } from './errors';

export interface ClaimDraft {
  /** Set when editing a draft that exists. */
  id?: string;
  type?: ClaimType;
  carrierName?: string;
  regime?: string;
  country?: string;
  deliveredOn?: string;
  shippedOn?: string | null;
  shipmentRef?: string;
  description?: string;
  language?: 'en' | 'sv';
  currency?: string;
  wilful?: boolean;
  lines?: { description: string; sscc: string | null; quantity: number; unitValueMinor: number }[];
  ssccs?: string[];
  appointmentId?: string | null;
  receiptId?: string | null;
}

interface LineText {
  description: string;
  sscc: string;
  quantity: string;
  unitValue: string;
}

/** Creates a claim draft (from receiving, with its evidence) or edits one. */
export function ClaimDialog({
  draft,
  timeZone,
  onClose,
  onSaved,
}: {
  draft: ClaimDraft;
  timeZone: string;
  onClose(): void;
  onSaved(id: string): void;
}) {
  const { t, locale, language } = useI18n();
  const carriers = useCommandQuery('dock.listCarriers', {});
  const create = useCommandMutation('claims.create');
  const update = useCommandMutation('claims.update');
  const [type, setType] = useState<ClaimType>(draft.type ?? 'damage_apparent');
  const [carrierName, setCarrier] = useState(draft.carrierName ?? '');
  const [regime, setRegime] = useState(draft.regime ?? 'cmr');
  const [country, setCountry] = useState(draft.country ?? 'SE');
  const [deliveredOn, setDelivered] = useState(draft.deliveredOn ?? isoDate(Date.now(), timeZone));
  const [shippedKnown, setShippedKnown] = useState(!!draft.shippedOn);
  const [shippedOn, setShipped] = useState(draft.shippedOn ?? draft.deliveredOn ?? isoDate(Date.now(), timeZone));
  const [shipmentRef, setRef] = useState(draft.shipmentRef ?? '');
  const [description, setDescription] = useState(draft.description ?? '');
  const [claimLanguage, setClaimLanguage] = useState<'en' | 'sv'>(draft.language ?? language);
  const [currency, setCurrency] = useState(draft.currency ?? 'SEK');
  const [wilful, setWilful] = useState(draft.wilful ?? false);
  const [lines, setLines] = useState<LineText[]>(
    (draft.lines?.length ? draft.lines : [{ description: '', sscc: null, quantity: 1, unitValueMinor: 0 }]).map((l) => ({
      description: l.description,
      sscc: l.sscc ?? '',
      quantity: String(l.quantity),
      unitValue: l.unitValueMinor ? numberText(l.unitValueMinor / 100, locale) : '',
    })),
  );
  const [error, setError] = useState<string | null>(null);
  const busy = create.isPending || update.isPending;

  const setLine = (i: number, patch: Partial<LineText>) => setLines((ls) => ls.map((l, k) => (k === i ? { ...l, ...patch } : l)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const parsed = lines
      .filter((l) => l.description.trim() || l.unitValue.trim())
      .map((l) => ({
        description: l.description.trim(),
        sscc: l.sscc.trim() || null,
        quantity: Number(l.quantity),
        unitValueMinor: parseMoney(l.unitValue, currency, locale) ?? 0,
      }));
    if (parsed.some((l) => Number.isNaN(l.unitValueMinor) || !Number.isInteger(l.quantity))) {
      setError(t('claims.form.badNumber'));
      return;
    }
    const fields = {
      type,
      carrierName,
      regime,
      country,
      deliveredOn,
      shippedOn: shippedKnown ? shippedOn : null,
      shipmentRef,
      description,
      language: claimLanguage,
      currency,
      wilful,
      lines: parsed,
    };
    try {
      if (draft.id) {
        const saved = await update.mutateAsync({ id: draft.id, ...fields });
        onSaved(saved.id);
      } else {
        const input: CommandInput<'claims.create'> = {
          ...fields,
          ssccs: draft.ssccs ?? [],
          appointmentId: draft.appointmentId ?? null,
          receiptId: draft.receiptId ?? null,
        };
        const saved = await create.mutateAsync(input);
        onSaved(saved.id);
      }
    } catch (err) {
      setError(claimsErrorText(err, t, locale));
    }
  }

  return (
    <Dialog title={draft.id ? t('claims.form.editTitle') : t('claims.form.newTitle')} onClose={onClose} wide>
      <form className="form claim-form" onSubmit={submit} data-testid="claim-form">
        {draft.receiptId && <p className="notice">{t('claims.form.fromReceipt', { count: draft.lines?.length ?? 0 })}</p>}
        <div className="row">
          <label>
            {t('claims.field.type')}
            <select value={type} onChange={(e) => setType(e.target.value as ClaimType)}>
              {CLAIM_TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`claims.type.${x}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('claims.field.carrier')}
            <input value={carrierName} onChange={(e) => setCarrier(e.target.value)} list="claim-carriers" required />
            <datalist id="claim-carriers">
              {carriers.data?.map((c) => <option key={c.id} value={c.name} />)}
            </datalist>
          </label>
        </div>
        <div className="row">
          <label>
            {t('claims.field.regime')}
            <select value={regime} onChange={(e) => setRegime(e.target.value)}>
              {REGIMES.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('claims.field.country')}
            <select value={country} onChange={(e) => setCountry(e.target.value)}>
              {CLAIM_COUNTRIES.map((c) => (
                <option key={c} value={c}>
                  {new Intl.DisplayNames([locale], { type: 'region' }).of(c) ?? c}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="row">
          <DateField label={t('claims.field.delivered')} value={deliveredOn} onChange={setDelivered} testId="claim-delivered" />
          <div className="shipped-field">
            <label className="check">
              <input type="checkbox" checked={shippedKnown} onChange={(e) => setShippedKnown(e.target.checked)} />
              {t('claims.field.shippedKnown')}
            </label>
            {shippedKnown && <DateField label={t('claims.field.shipped')} value={shippedOn} onChange={setShipped} />}
          </div>
        </div>
        <div className="row">
          <label>
            {t('claims.field.shipmentRef')}
            <input value={shipmentRef} onChange={(e) => setRef(e.target.value)} maxLength={80} />
          </label>
          <label>
            {t('claims.field.currency')}
            <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
              {CLAIM_CURRENCIES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label>
            {t('claims.field.language')}
            <select value={claimLanguage} onChange={(e) => setClaimLanguage(e.target.value as 'en' | 'sv')}>
              {CLAIM_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {t(`claims.language.${l}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          {t('claims.field.description')}
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={2000} />
        </label>
        <fieldset>
          <legend>{t('claims.field.lines')}</legend>
          <table className="table lines-edit">
            <thead>
              <tr>
                <th>{t('claims.line.description')}</th>
                <th>{t('claims.line.sscc')}</th>
                <th className="num">{t('claims.line.quantity')}</th>
                <th className="num">{t('claims.line.unitValue', { currency })}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={i}>
                  <td>
                    <input aria-label={t('claims.line.description')} value={l.description} onChange={(e) => setLine(i, { description: e.target.value })} />
                  </td>
                  <td>
                    <input aria-label={t('claims.line.sscc')} value={l.sscc} onChange={(e) => setLine(i, { sscc: e.target.value })} inputMode="numeric" />
                  </td>
                  <td>
                    <input aria-label={t('claims.line.quantity')} className="num" value={l.quantity} onChange={(e) => setLine(i, { quantity: e.target.value })} inputMode="numeric" />
                  </td>
                  <td>
                    <input aria-label={t('claims.line.unitValue', { currency })} className="num" value={l.unitValue} onChange={(e) => setLine(i, { unitValue: e.target.value })} inputMode="decimal" />
                  </td>
                  <td>
                    <button type="button" className="ghost" aria-label={t('claims.line.remove')} onClick={() => setLines((ls) => ls.filter((_, k) => k !== i))}>
                      ×
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" onClick={() => setLines((ls) => [...ls, { description: '', sscc: '', quantity: '1', unitValue: '' }])}>
              {t('claims.line.add')}
            </button>
          </div>
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={wilful} onChange={(e) => setWilful(e.target.checked)} />
          {t('claims.field.wilful')}
        </label>
        {error && (
          <div className="refusal" role="alert">
            {error}
          </div>
        )}
        <FormActions onCancel={onClose} busy={busy} submitLabel={draft.id ? t('common.save') : t('claims.form.create')} />
      </form>
    </Dialog>
  );
}
