import { useState } from 'react';
import { useCommandQuery } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { errorText } from './device-ui';
import { DoorsTab } from './doors/DoorsTab';
import { useLiveDevices } from './live-updates';
import { PrintersTab } from './printers/PrintersTab';
import { ScannersTab } from './scanners/ScannersTab';
import { SimulatedBanner } from './SimulatedBanner';
import './devices.css';
import { TabList } from '../../app/tab-list';

type Tab = 'printers' | 'scanners' | 'doors';

/** Label printers, scanners and dock door I/O of this site, live. */
export function DevicesPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('printers');
  const info = useCommandQuery('app.info', {});
  const overview = useCommandQuery('devices.overview', {});
  useLiveDevices();
  const o = overview.data;
  const timeZone = info.data?.timeZone ?? 'UTC';
  const counts: Record<Tab, number> = {
    printers: o?.printers.length ?? 0,
    scanners: o?.scanners.length ?? 0,
    doors: o?.doors.length ?? 0,
  };

  return (
    <section className="devices">
      <div className="toolbar">
        <h1>{t('devices.title')}</h1>
        <TabList
          tabs={['printers', 'scanners', 'doors'] as const}
          value={tab}
          onChange={setTab}
          label={(x) => (
            <>
              {t(`devices.tab.${x}`)} <span className="count">{counts[x]}</span>
            </>
          )}
        />
      </div>
      {o?.simulated && <SimulatedBanner sim={o.simulated} />}
      {overview.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : overview.error || !o ? (
        <div className="refusal" role="alert">
          <strong>{t('devices.loadFailed')}</strong>
          <p>{errorText(overview.error)}</p>
        </div>
      ) : tab === 'printers' ? (
        <PrintersTab printers={o.printers} simulated={o.simulated} timeZone={timeZone} />
      ) : tab === 'scanners' ? (
        <ScannersTab scanners={o.scanners} simulated={o.simulated} timeZone={timeZone} />
      ) : (
        <DoorsTab doors={o.doors} />
      )}
    </section>
  );
}
