import { useCommandQuery, useConnectionState } from '../lib/api/hooks';
import { useI18n } from '../lib/i18n';

/** Connection to core and the state of local changes, always in view. */
export function StatusBar({ demo }: { demo: boolean }) {
  const { t } = useI18n();
  const state = useConnectionState();
  const sync = useCommandQuery('sync.status', {});
  const pending = sync.data?.pending ?? 0;
  return (
    <div className="status-bar">
      {demo && <span className="badge badge-demo">{t('demo.badge')}</span>}
      <span className={`conn conn-${state}`} data-testid="connection-state" data-state={state}>
        <span className="dot" aria-hidden />
        {t(`conn.${state}`)}
      </span>
      <span
        className="sync"
        data-testid="sync-state"
        title={sync.data?.endpoint ? undefined : t('sync.noEndpoint')}
      >
        {pending === 0
          ? t('sync.none')
          : pending === 1
            ? t('sync.pendingOne')
            : t('sync.pending', { count: pending })}
      </span>
    </div>
  );
}
