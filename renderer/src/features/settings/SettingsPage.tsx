import type { AppInfo, SessionStatus } from '@shared/contract';
import { useCommandQuery } from '../../lib/api/hooks';
import { dateTime } from '../../lib/format';
import { LANGUAGES, useI18n, type Language } from '../../lib/i18n';
import { RoutingSettingsSection } from '../routes/settings/RoutingSettingsSection';
import { UsersSection } from '../session/UsersSection';
import { SyncSettingsSection } from '../sync/SyncSettingsSection';

/** Language, the site this workstation serves, and the log of every change made here. */
export function SettingsPage({ info, session }: { info: AppInfo; session: SessionStatus | undefined }) {
  const { t, language, setLanguage, locale } = useI18n();
  const audit = useCommandQuery('audit.list', { limit: 50 });
  return (
    <section className="settings">
      <h1>{t('settings.title')}</h1>
      <dl className="facts">
        <dt>{t('settings.language')}</dt>
        <dd>
          <select
            aria-label={t('settings.language')}
            value={language}
            onChange={(e) => setLanguage(e.target.value as Language)}
          >
            {Object.entries(LANGUAGES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </dd>
        <dt>{t('settings.site')}</dt>
        <dd>{info.siteName}</dd>
        <dt>{t('settings.timeZone')}</dt>
        <dd>{info.timeZone}</dd>
        <dt>{t('settings.user')}</dt>
        <dd>
          {info.actor} ({info.role})
        </dd>
        <dt>{t('settings.version')}</dt>
        <dd>{info.version}</dd>
      </dl>
      <UsersSection role={info.role} session={session} />
      <SyncSettingsSection role={info.role} />
      <RoutingSettingsSection role={info.role} />
      <h2>{t('settings.audit')}</h2>
      {audit.data?.length === 0 ? (
        <p className="empty">{t('settings.auditEmpty')}</p>
      ) : (
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('settings.audit.when')}</th>
              <th>{t('settings.audit.who')}</th>
              <th>{t('settings.audit.what')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.data?.map((m) => (
              <tr key={m.id}>
                <td>{dateTime(m.at, info.timeZone, locale)}</td>
                <td>{m.actor}</td>
                <td>
                  <code>{m.name}</code> <span className="muted small">{summarize(m.args)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function summarize(args: unknown): string {
  if (!args || typeof args !== 'object') return '';
  const a = args as Record<string, unknown>;
  return ['reference', 'name', 'carrierName', 'reason']
    .map((k) => a[k])
    .filter((v) => typeof v === 'string')
    .join(' · ');
}
