import { useState } from 'react';
import { mayRun, type Driver, type Vehicle } from '@shared/contract';
import { useCommandQuery } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import { DriverDialog } from './DriverDialog';
import { DriversTable, VehiclesTable } from './FleetTables';
import { RoutingSettingsForm } from './RoutingSettingsForm';
import { VehicleDialog } from './VehicleDialog';
import './routing-settings.css';

type Editing = { kind: 'vehicle'; vehicle?: Vehicle } | { kind: 'driver'; driver?: Driver } | null;

/** Settings page section: routing settings, and the vehicles and drivers the planner uses. */
export function RoutingSettingsSection({ role }: { role: string }) {
  const { t } = useI18n();
  const settings = useCommandQuery('routes.getSettings', {});
  const vehicles = useCommandQuery('routes.listVehicles', { includeInactive: true });
  const drivers = useCommandQuery('routes.listDrivers', { includeInactive: true });
  const [editing, setEditing] = useState<Editing>(null);
  const dimensions = settings.data?.dimensions ?? [];

  return (
    <section className="rs-section" aria-labelledby="rs-title" data-testid="routing-settings">
      <h2 id="rs-title">{t('rs.title')}</h2>
      <p className="muted">{t('rs.intro')}</p>
      {!mayRun(role, 'routes.updateSettings') && <p className="rs-note">{t('rs.readOnly')}</p>}
      {settings.isError && (
        <div className="refusal" role="alert">
          <strong>{t('rs.loadFailed')}</strong>
          <p>{settings.error.message}</p>
          <button type="button" onClick={() => void settings.refetch()}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {settings.isPending && <p className="muted">{t('common.loading')}</p>}
      {/* Keyed by the saved values so a change made elsewhere resets the form to what is stored. */}
      {settings.data && <RoutingSettingsForm key={JSON.stringify(settings.data)} settings={settings.data} />}

      <div className="rs-fleet-head">
        <h3>{t('rs.fleet.vehicles')}</h3>
        <button type="button" onClick={() => setEditing({ kind: 'vehicle' })} disabled={!settings.data}>
          {t('rs.vehicle.new')}
        </button>
      </div>
      {vehicles.data && (
        <VehiclesTable
          vehicles={vehicles.data}
          dimensions={dimensions}
          onEdit={(vehicle) => setEditing({ kind: 'vehicle', vehicle })}
        />
      )}
      <div className="rs-fleet-head">
        <h3>{t('rs.fleet.drivers')}</h3>
        <button type="button" onClick={() => setEditing({ kind: 'driver' })}>
          {t('rs.driver.new')}
        </button>
      </div>
      {drivers.data && (
        <DriversTable drivers={drivers.data} onEdit={(driver) => setEditing({ kind: 'driver', driver })} />
      )}

      {editing?.kind === 'vehicle' && (
        <VehicleDialog vehicle={editing.vehicle} dimensions={dimensions} onClose={() => setEditing(null)} />
      )}
      {editing?.kind === 'driver' && (
        <DriverDialog driver={editing.driver} onClose={() => setEditing(null)} />
      )}
    </section>
  );
}
