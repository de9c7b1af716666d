import { useState, type FormEvent } from 'react';
import { Dialog } from '../../app/dialog';
import { TimeField } from '../../app/time-field';
import { useToast } from '../../app/toasts';
import { useApi } from '../../lib/api/hooks';
import { numberText, parseNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { reasonText, refusalField } from '../../lib/input-issues';

interface Props {
  date: string;
  dimensions: string[];
  /** Where a new order's pin starts: the depot, so the operator only nudges the numbers. */
  near: { lat: number; lon: number };
  onClose(): void;
}

/** A late order entered by hand. Core validates it; its refusal names the field. */
export function OrderDialog({ date, dimensions, near, onClose }: Props) {
  const { t, locale } = useI18n();
  // What the operator typed, read in the UI's language; a box that is not a number reaches core as
  // NaN and comes back refused with that field named.
  const typed = (text: string) => parseNumber(text, locale) ?? Number.NaN;
  const api = useApi();
  const toast = useToast();
  const [form, setForm] = useState({
    reference: '',
    customer: '',
    address: '',
    lat: numberText(near.lat, locale, 5),
    lon: numberText(near.lon, locale, 5),
    kind: 'delivery' as 'delivery' | 'pickup',
    serviceMin: '10',
    windowed: false,
    from: '08:00',
    to: '17:00',
    skills: '',
    priority: '0',
    notes: '',
  });
  const [demand, setDemand] = useState<Record<string, string>>({});
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const order = await api.call('routes.createOrder', {
        date,
        reference: form.reference,
        customer: form.customer,
        address: form.address,
        lat: typed(form.lat),
        lon: typed(form.lon),
        kind: form.kind,
        serviceMin: typed(form.serviceMin),
        timeWindows: form.windowed ? [{ from: form.from, to: form.to }] : [],
        demand: Object.fromEntries(
          Object.entries(demand)
            .filter(([, v]) => v.trim() !== '')
            .map(([k, v]) => [k, typed(v)]),
        ),
        skills: form.skills
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        priority: typed(form.priority),
        notes: form.notes,
      });
      toast({ kind: 'success', title: t('routes.order.created', { reference: order.reference }) });
      onClose();
    } catch (err) {
      setError({
        message: reasonText(err, t) ?? (err instanceof Error ? err.message : String(err)),
        field: refusalField(err)?.split('.')[0],
      });
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: string) => (error?.field === field ? true : undefined);
  return (
    <Dialog title={t('routes.order.new')} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)} data-testid="order-dialog">
        <div className="row">
          <label>
            {t('routes.field.reference')}
            <input
              required
              value={form.reference}
              aria-invalid={invalid('reference')}
              onChange={(e) => set({ reference: e.target.value })}
            />
          </label>
          <label>
            {t('routes.field.customer')}
            <input
              required
              value={form.customer}
              aria-invalid={invalid('customer')}
              onChange={(e) => set({ customer: e.target.value })}
            />
          </label>
        </div>
        <label>
          {t('routes.field.address')}
          <input value={form.address} onChange={(e) => set({ address: e.target.value })} />
        </label>
        <div className="row">
          <label>
            {t('routes.field.lat')}
            <input
              inputMode="decimal"
              required
              value={form.lat}
              aria-invalid={invalid('lat')}
              onChange={(e) => set({ lat: e.target.value })}
            />
          </label>
          <label>
            {t('routes.field.lon')}
            <input
              inputMode="decimal"
              required
              value={form.lon}
              aria-invalid={invalid('lon')}
              onChange={(e) => set({ lon: e.target.value })}
            />
          </label>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={form.windowed}
            onChange={(e) => set({ windowed: e.target.checked })}
          />
          {t('routes.order.hasWindow')}
        </label>
        {form.windowed && (
          <div className="row">
            <TimeField
              label={t('routes.field.windowStart')}
              value={form.from}
              onChange={(from) => set({ from })}
              invalid={invalid('timeWindows')}
            />
            <TimeField
              label={t('routes.field.windowEnd')}
              value={form.to}
              allowEndOfDay
              onChange={(to) => set({ to })}
              invalid={invalid('timeWindows')}
            />
          </div>
        )}
        <div className="row">
          {dimensions.map((d) => (
            <label key={d}>
              {t('routes.import.amountIn', { dimension: d })}
              <input
                inputMode="decimal"
                value={demand[d] ?? ''}
                aria-invalid={invalid('demand')}
                onChange={(e) => setDemand((x) => ({ ...x, [d]: e.target.value }))}
              />
            </label>
          ))}
        </div>
        <div className="row">
          <label>
            {t('routes.field.skills')}
            <input
              value={form.skills}
              placeholder="cold_chain, tail_lift"
              onChange={(e) => set({ skills: e.target.value })}
            />
          </label>
          <label>
            {t('routes.field.priority')}
            <input
              type="number"
              min={0}
              max={100}
              value={form.priority}
              onChange={(e) => set({ priority: e.target.value })}
            />
          </label>
        </div>
        <label>
          {t('routes.field.notes')}
          <textarea rows={2} value={form.notes} onChange={(e) => set({ notes: e.target.value })} />
        </label>
        {error && (
          <div className="refusal" role="alert" data-testid="refusal">
            <strong>{t('error.title')}</strong>
            <p>{error.message}</p>
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('routes.order.create')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
