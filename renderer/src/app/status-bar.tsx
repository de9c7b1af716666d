import { SyncIndicator } from '../features/sync/SyncIndicator';
import { useConnectionState } from '../lib/api/hooks';
import { useI18n } from '../lib/i18n';

/** Connection to core and the state of local changes and sync, always in view. */
export function StatusBar({ demo, timeZone }: { demo: boolean; timeZone: string }) {
  const { t } = useI18n();
  const state = useConnectionState();
  return (
    <div className="status-bar">
      {demo && <span className="badge badge-demo">{t('demo.badge')}</span>}
      <span className={`conn conn-${state}`} data-testid="connection-state" data-state={state}>
        <span className="dot" aria-hidden />
        {t(`conn.${state}`)}
      </span>
      <SyncIndicator timeZone={timeZone} />
    </div>
  );
}
