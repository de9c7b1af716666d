import { useEffect, useState } from 'react';
import { DevicesPage } from '../features/devices/DevicesPage';
import { StationPage } from '../features/devices/StationPage';
import { DockPage } from '../features/dock/DockPage';
import { FeaturePlaceholder } from '../features/placeholder/FeaturePlaceholder';
import { RoutesPage } from '../features/routes/RoutesPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { useCommandQuery } from '../lib/api/hooks';
import { useI18n } from '../lib/i18n';
import { StatusBar } from './status-bar';

const PAGES = ['dock', 'routes', 'fleet', 'claims', 'devices', 'station', 'settings'] as const;
type Page = (typeof PAGES)[number];

function pageFromHash(): Page {
  const name = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  return (PAGES as readonly string[]).includes(name ?? '') ? (name as Page) : 'dock';
}

export function App() {
  const { t } = useI18n();
  const [page, setPage] = useState<Page>(pageFromHash);
  const info = useCommandQuery('app.info', {});
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
        {PAGES.map((p) => (
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
      <div className="main">
        <header className="topbar">
          <StatusBar demo={info.data?.demo ?? false} />
        </header>
        <main className="content">
          {!info.data ? (
            <p className="muted">{t('common.loading')}</p>
          ) : page === 'dock' ? (
            <DockPage timeZone={info.data.timeZone} />
          ) : page === 'routes' ? (
            <RoutesPage />
          ) : page === 'devices' ? (
            <DevicesPage />
          ) : page === 'station' ? (
            <StationPage />
          ) : page === 'settings' ? (
            <SettingsPage info={info.data} />
          ) : (
            <FeaturePlaceholder feature={page} />
          )}
        </main>
      </div>
    </div>
  );
}
