import { useEffect, useState } from 'react';
import { TabList } from '../../app/tab-list';
import { useCommandQuery } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { AlertsTab } from './AlertsTab';
import { FuelTab } from './FuelTab';
import { LiveTab } from './LiveTab';
import { MaintenanceTab } from './MaintenanceTab';
import { ReplayTab } from './ReplayTab';
import { TripsTab } from './TripsTab';
import { VehiclesTab } from './VehiclesTab';
import './fleet.css';

const TABS = ['live', 'replay', 'alerts', 'trips', 'maintenance', 'fuel', 'vehicles'] as const;
type Tab = (typeof TABS)[number];

function tabFromHash(): Tab {
  const sub = window.location.hash.replace(/^#\/?/, '').split('/')[1];
  return (TABS as readonly string[]).includes(sub ?? '') ? (sub as Tab) : 'live';
}

/** Fleet tracking: where vehicles are and were, what they raised, what they drove, cost and need. */
export function FleetPage({ timeZone, role }: { timeZone: string; role: string }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const open = useCommandQuery('fleet.listAlerts', { open: true, limit: 1000 }, { refetchInterval: 15_000 });
  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = (next: Tab) => {
    window.location.hash = `#/fleet/${next}`;
    setTab(next);
  };
  const openCount = open.data?.length ?? 0;
  return (
    <section className="fleet" data-testid="fleet-page">
      <div className="toolbar">
        <h1>{t('fleet.title')}</h1>
        <TabList
          tabs={TABS}
          value={tab}
          onChange={go}
          label={(x) =>
            x === 'alerts' && openCount
              ? t('fleet.tab.alertsCount', { count: openCount })
              : t(`fleet.tab.${x}`)
          }
        />
      </div>
      <div className="fleet-body">
        {tab === 'live' && <LiveTab timeZone={timeZone} />}
        {tab === 'replay' && <ReplayTab timeZone={timeZone} />}
        {tab === 'alerts' && <AlertsTab timeZone={timeZone} role={role} />}
        {tab === 'trips' && <TripsTab timeZone={timeZone} />}
        {tab === 'maintenance' && <MaintenanceTab timeZone={timeZone} role={role} />}
        {tab === 'fuel' && <FuelTab timeZone={timeZone} role={role} />}
        {tab === 'vehicles' && <VehiclesTab timeZone={timeZone} role={role} />}
      </div>
    </section>
  );
}
