import { useState, type FormEvent } from 'react';
import { VEHICLE_PROFILES, type Vehicle, type VehicleProfile } from '@shared/contract';
import { Dialog, FormActions } from '../../../app/dialog';
import { TimeField } from '../../../app/time-field';
import { useToast } from '../../../app/toasts';
import { useCommandMutation } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import { RefusalBox } from '../../../app/refusal-box';
import { Field } from './field';
import { describeSaveError, fieldError, type SaveError } from './save-error';
import { vehicleFromForm, vehicleToForm, type VehicleForm } from './vehicle-form';

type NumberKey =
  | 'breakMin'
  | 'maxDurationMin'
  | 'maxDistanceKm'
  | 'fixedCost'
  | 'costPerKm'
  | 'costPerHour'
  | 'maxTrips'
  | 'reloadMin';

// Command fields shown in the dialog; a refusal about another one goes in the box at the bottom.
const FIELDS = [
  'name',
  'plate',
  'profile',
  'capacity',
  'skills',
  'shiftStart',
  'shiftEnd',
  'breakWindow',
  'breakMin',
  'maxDurationMin',
  'maxDistanceKm',
  'fixedCost',
  'costPerKm',
  'costPerHour',
  'maxTrips',
  'reloadMin',
];

/** Create a vehicle or edit one: capacity per declared dimension, skills, shift, break, limits, costs, trips. */
export function VehicleDialog({
  vehicle,
  dimensions,
  onClose,
}: {
  vehicle?: Vehicle;
  dimensions: readonly string[];
  onClose(): void;
}) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const create = useCommandMutation('routes.createVehicle');
  const update = useCommandMutation('routes.updateVehicle');
  const [form, setForm] = useState<VehicleForm>(() => vehicleToForm(vehicle, locale));
  const [error, setError] = useState<SaveError | null>(null);
  const busy = create.isPending || update.isPending;
  const err = (name: string) => fieldError(error, name);
  const patch = (p: Partial<VehicleForm>) => setForm((f) => ({ ...f, ...p }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const parsed = vehicleFromForm(form, dimensions, locale);
    if ('badField' in parsed) {
      setError({ field: parsed.badField, message: t('rs.error.notANumber') });
      return;
    }
    try {
      const saved = vehicle
        ? await update.mutateAsync({ id: vehicle.id, ...parsed.input })
        : await create.mutateAsync(parsed.input);
      toast({
        kind: 'success',
        title: t(vehicle ? 'rs.vehicle.savedToast' : 'rs.vehicle.createdToast', { name: saved.name }),
      });
      onClose();
    } catch (caught) {
      setError(describeSaveError(caught, t));
    }
  }

  const num = (key: NumberKey, label: MessageKey, hint?: MessageKey) => (
    <Field
      name={key}
      label={t(label)}
      value={form[key]}
      onChange={(v) => patch({ [key]: v })}
      hint={hint && t(hint)}
      error={err(key)}
      inputMode="decimal"
    />
  );
  const timeError = (name: string) =>
    err(name) && (
      <span className="rs-error" role="alert" data-field-error={name}>
        {err(name)}
      </span>
    );
  const elsewhere = error && !FIELDS.some((f) => fieldError(error, f));

  return (
    <Dialog
      title={vehicle ? t('rs.vehicle.edit', { name: vehicle.name }) : t('rs.vehicle.new')}
      onClose={onClose}
      wide
    >
      <form className="form rs-dialog" onSubmit={submit} noValidate>
        <fieldset disabled={busy}>
          <div className="row">
            <Field
              name="name"
              label={t('rs.vehicle.name')}
              value={form.name}
              onChange={(name) => patch({ name })}
              error={err('name')}
              maxLength={60}
              required
            />
            <Field
              name="plate"
              label={t('rs.vehicle.plate')}
              value={form.plate}
              onChange={(plate) => patch({ plate })}
              error={err('plate')}
              maxLength={20}
            />
            <div className="rs-field">
              <label>
                {t('rs.vehicle.profile')}
                <select
                  value={form.profile}
                  onChange={(e) => patch({ profile: e.target.value as VehicleProfile })}
                >
                  {VEHICLE_PROFILES.map((p) => (
                    <option key={p} value={p}>
                      {t(`rs.vehicle.profile.${p}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </div>
          <fieldset className="rs-group">
            <legend>{t('rs.vehicle.capacity')}</legend>
            <div className="row">
              {dimensions.map((d) => (
                <Field
                  key={d}
                  name={`capacity.${d}`}
                  label={d}
                  value={form.capacity[d] ?? ''}
                  placeholder={t('rs.vehicle.noLimit')}
                  onChange={(v) => setForm((f) => ({ ...f, capacity: { ...f.capacity, [d]: v } }))}
                  error={err(`capacity.${d}`)}
                  inputMode="decimal"
                />
              ))}
            </div>
            <small className="rs-hint">{t('rs.vehicle.capacityHint')}</small>
            {error?.field === 'capacity' && (
              <span className="rs-error" role="alert" data-field-error="capacity">
                {error.message}
              </span>
            )}
          </fieldset>
          <Field
            name="skills"
            label={t('rs.vehicle.skills')}
            value={form.skills}
            onChange={(skills) => patch({ skills })}
            hint={t('rs.vehicle.skillsHint')}
            error={err('skills')}
          />
          <fieldset className="rs-group">
            <legend>{t('rs.vehicle.shift')}</legend>
            <div className="row">
              <div className="rs-field">
                <TimeField
                  label={t('rs.vehicle.shiftStart')}
                  value={form.shiftStart}
                  invalid={Boolean(err('shiftStart'))}
                  onChange={(shiftStart) => patch({ shiftStart })}
                />
                {timeError('shiftStart')}
              </div>
              <div className="rs-field">
                <TimeField
                  label={t('rs.vehicle.shiftEnd')}
                  value={form.shiftEnd}
                  allowEndOfDay
                  invalid={Boolean(err('shiftEnd'))}
                  onChange={(shiftEnd) => patch({ shiftEnd })}
                />
                {timeError('shiftEnd')}
              </div>
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={form.hasBreak}
                onChange={(e) => patch({ hasBreak: e.target.checked })}
              />
              {t('rs.vehicle.hasBreak')}
            </label>
            {form.hasBreak && (
              <div className="row">
                <div className="rs-field">
                  <TimeField
                    label={t('rs.vehicle.breakFrom')}
                    value={form.breakFrom}
                    invalid={Boolean(err('breakWindow'))}
                    onChange={(breakFrom) => patch({ breakFrom })}
                  />
                  {timeError('breakWindow')}
                </div>
                <TimeField
                  label={t('rs.vehicle.breakTo')}
                  value={form.breakTo}
                  allowEndOfDay
                  invalid={Boolean(err('breakWindow'))}
                  onChange={(breakTo) => patch({ breakTo })}
                />
                {num('breakMin', 'rs.vehicle.breakMin')}
              </div>
            )}
          </fieldset>
          <fieldset className="rs-group">
            <legend>{t('rs.vehicle.limits')}</legend>
            <div className="row">
              {num('maxDurationMin', 'rs.vehicle.maxDuration', 'rs.vehicle.limitHint')}
              {num('maxDistanceKm', 'rs.vehicle.maxDistance', 'rs.vehicle.limitHint')}
              {num('maxTrips', 'rs.vehicle.maxTrips')}
              {num('reloadMin', 'rs.vehicle.reloadMin')}
            </div>
          </fieldset>
          <fieldset className="rs-group">
            <legend>{t('rs.vehicle.costs')}</legend>
            <div className="row">
              {num('fixedCost', 'rs.vehicle.fixedCost')}
              {num('costPerKm', 'rs.vehicle.costPerKm')}
              {num('costPerHour', 'rs.vehicle.costPerHour')}
            </div>
          </fieldset>
          <label className="check">
            <input
              type="checkbox"
              checked={form.active}
              onChange={(e) => patch({ active: e.target.checked })}
            />
            {t('rs.vehicle.active')}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={form.planning}
              onChange={(e) => patch({ planning: e.target.checked })}
            />
            {t('rs.vehicle.planning')}
          </label>
        </fieldset>
        {elsewhere && <RefusalBox refusal={error} />}
        <FormActions
          onCancel={onClose}
          busy={busy}
          submitLabel={vehicle ? t('common.save') : t('rs.vehicle.create')}
        />
      </form>
    </Dialog>
  );
}
