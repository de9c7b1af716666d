import { useMemo, useState } from 'react';
import type { FleetVehicle } from '@shared/contract';
import { useI18n } from '../../lib/i18n';

/** Ticks several vehicles out of a searchable list (replay, reports). */
export function VehiclePicker({
  vehicles,
  value,
  onChange,
  max,
}: {
  vehicles: FleetVehicle[];
  value: string[];
  onChange(ids: string[]): void;
  max?: number;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return vehicles.filter((v) => !q || `${v.name} ${v.plate}`.toLowerCase().includes(q));
  }, [vehicles, query]);
  const toggle = (id: string) =>
    onChange(
      value.includes(id)
        ? value.filter((x) => x !== id)
        : max && value.length >= max
          ? value
          : [...value, id],
    );
  return (
    <div className="vehicle-picker">
      <input
        type="search"
        placeholder={t('fleet.live.search')}
        aria-label={t('fleet.pick.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul data-testid="vehicle-picker">
        {shown.map((v) => (
          <li key={v.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={value.includes(v.id)}
                onChange={() => toggle(v.id)}
                disabled={!v.trackerId}
              />
              {v.name} <span className="muted">{v.plate}</span>
              {!v.trackerId && <span className="muted"> · {t('fleet.vehicles.noTracker')}</span>}
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One vehicle from a drop-down. */
export function VehicleSelect({
  vehicles,
  value,
  onChange,
  label,
}: {
  vehicles: FleetVehicle[];
  value: string;
  onChange(id: string): void;
  label: string;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {vehicles.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name} {v.plate && `(${v.plate})`}
          </option>
        ))}
      </select>
    </label>
  );
}
