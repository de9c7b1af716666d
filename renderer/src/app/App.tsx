import { lazy, Suspense, useEffect, useState } from 'react';
import { KeyboardWedge } from '../features/devices/wedge/KeyboardWedge';
import { DockPage } from '../features/dock/DockPage';
import { FleetAlertToasts } from '../features/fleet/FleetAlertToasts';
import { mayRun } from '@shared/contract';
import { FeaturePlaceholder } from '../features/placeholder/FeaturePlaceholder';
import { LockScreen } from '../features/session/LockScreen';
import { SessionControls } from '../features/session/SessionControls';
import { useSession } from '../features/session/session-state';
import { SettingsPage } from '../features/settings/SettingsPage';
import { AttentionPage } from '../features/sync/AttentionPage';
import { useCommandQuery } from '../lib/api/hooks';
import { useI18n } from '../lib/i18n';
import { StatusBar } from './status-bar';

// Big feature screens (the planning screen brings Leaflet) load when they are first opened.
const RoutesPage = lazy(() =>
  import('../features/routes/RoutesPage').then((m) => ({ default: m.RoutesPage })),
);
const DevicesPage = lazy(() =>
  import('../features/devices/DevicesPage').then((m) => ({ default: m.DevicesPage })),
);
const ClaimsPage = lazy(() => import('../features/claims/ClaimsPage').then((m) => ({ default: m.ClaimsPage })));
const DispatchPage = lazy(() =>
  import('../features/dispatch/DispatchPage').then((m) => ({ default: m.DispatchPage })),
);
const FleetPage = lazy(() => import('../features/fleet/FleetPage').then((m) => ({ default: m.FleetPage })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const StationPage = lazy(() =>
  import('../features/devices/StationPage').then((m) => ({ default: m.StationPage })),
);

const PAGES = ['dock', 'routes', 'dispatch', 'fleet', 'claims', 'devices', 'station', 'audit', 'settings'] as const;
/** A page shown only to roles that may run its command (core refuses the rest anyway). */
const PAGE_NEEDS: Partial<Record<(typeof PAGES)[number], Parameters<typeof mayRun>[1]>> = { audit: 'audit.entries' };
/** Pages reached from elsewhere than the sidebar (the header's sync indicator). */
const LINKED_PAGES = ['attention'] as const;
type Page = (typeof PAGES)[number] | (typeof LINKED_PAGES)[number];

function pageFromHash(): Page {
  const name = window.location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return ([...PAGES, ...LINKED_PAGES] as readonly string[]).includes(name) ? (name as Page) : 'dock';
}

export function App() {
  const { t } = useI18n();
  const [page, setPage] = useState<Page>(pageFromHash);
  const session = useSession();
  const locked = session?.locked ?? false;
  const info = useCommandQuery('app.info', {}, { enabled: session !== undefined && !locked });
  useEffect(() => {
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            ✦
          </span>
          {t('app.name')}
        </div>
        {PAGES.filter((p) => !PAGE_NEEDS[p] || (info.data && mayRun(info.data.role, PAGE_NEEDS[p]))).map((p) => (
          <a
            key={p}
            href={`#/${p}`}
            className={p === page ? 'active' : undefined}
            aria-current={p === page ? 'page' : undefined}
          >
            {t(`nav.${p}`)}
          </a>
        ))}
        <div className="sidebar-foot">{info.data?.siteName}</div>
      </nav>
      {/* Catches keyboard-wedge scans app-wide, so scanner keys never land in a text field. */}
      <KeyboardWedge />
      {/* Fleet alerts (a route running late) reach the dispatcher on any page. */}
      <FleetAlertToasts />
      <div className="main">
        <header className="topbar">
          <StatusBar demo={info.data?.demo ?? false} timeZone={info.data?.timeZone ?? 'UTC'} />
          {session && !locked && <SessionControls status={session} />}
        </header>
        <main className="content">
          <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
            {session?.locked ? (
              <LockScreen status={session} />
            ) : !info.data ? (
              <p className="muted">{t('common.loading')}</p>
            ) : page === 'dock' ? (
              <DockPage timeZone={info.data.timeZone} />
            ) : page === 'routes' ? (
              <RoutesPage timeZone={info.data.timeZone} />
            ) : page === 'dispatch' ? (
              <DispatchPage timeZone={info.data.timeZone} />
            ) : page === 'fleet' ? (
              <FleetPage timeZone={info.data.timeZone} role={info.data.role} />
            ) : page === 'claims' ? (
              <ClaimsPage timeZone={info.data.timeZone} role={info.data.role} />
            ) : page === 'devices' ? (
              <DevicesPage />
            ) : page === 'station' ? (
              <StationPage />
            ) : page === 'audit' ? (
              mayRun(info.data.role, 'audit.entries') ? (
                <AuditPage timeZone={info.data.timeZone} />
              ) : (
                <p className="muted">{t('session.error.role')}</p>
              )
            ) : page === 'settings' ? (
              <SettingsPage info={info.data} session={session} />
            ) : page === 'attention' ? (
              <AttentionPage timeZone={info.data.timeZone} />
            ) : (
              <FeaturePlaceholder feature={page} />
            )}
          </Suspense>
        </main>
      </div>
    </div>
  );
}
