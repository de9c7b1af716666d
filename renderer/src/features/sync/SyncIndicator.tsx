import type { SyncStatus } from '@shared/contract';
import { useCommandQuery } from '../../lib/api/hooks';
import { clock } from '../../lib/format';
import { useI18n, type Translate } from '../../lib/i18n';

/** What the header says about sync: local only, offline / syncing N / up to date, and the inbox. */
export function SyncIndicator({ timeZone }: { timeZone: string }) {
  const { t } = useI18n();
  const status = useCommandQuery('sync.status', {}).data;
  if (!status) return null;
  if (!status.registered) return <LocalOnly status={status} t={t} />;
  const when = status.lastSyncAt ? t('sync.lastSync', { time: clock(status.lastSyncAt, timeZone) }) : t('sync.never');
  return (
    <span className="sync-indicator" data-testid="sync-state" data-state={status.state} data-pending={status.pending}>
      <span className={`sync-dot sync-${status.state}`} aria-hidden />
      <span title={status.lastError ?? undefined}>{stateText(status, t)}</span>
      <span className="muted">{when}</span>
      {!status.user && <span className="sync-readonly">{t('sync.signedOut')}</span>}
      {status.attention > 0 && (
        <a href="#/attention" className="sync-attention" data-testid="sync-attention">
          {status.attention === 1 ? t('sync.attentionOne') : t('sync.attention', { count: status.attention })}
        </a>
      )}
    </span>
  );
}

function stateText(s: SyncStatus, t: Translate): string {
  const count = s.pending;
  switch (s.state) {
    case 'offline':
      return count ? t('sync.state.offline', { count }) : t('sync.state.offlineNone');
    case 'syncing':
      return count ? t('sync.state.syncing', { count }) : t('sync.state.syncingNone');
    case 'error':
      return t('sync.state.error');
    case 'upToDate':
      return t('sync.state.upToDate');
    default:
      return t('sync.state.local');
  }
}

/** Local-only mode, as before sync existed: what is saved on this workstation. */
function LocalOnly({ status, t }: { status: SyncStatus; t: Translate }) {
  return (
    <span className="sync" data-testid="sync-state" data-state="local" title={t('sync.noEndpoint')}>
      {status.pending === 0 ? t('sync.none') : status.pending === 1 ? t('sync.pendingOne') : t('sync.pending', { count: status.pending })}
    </span>
  );
}
