import { useEffect, useRef } from 'react';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { useConnection } from '../lib/api/hooks';
import { useI18n } from '../lib/i18n';
import { useToast } from './toasts';

/** Connection to core and the state of local changes and sync, always in view. */
export function StatusBar({ demo, timeZone }: { demo: boolean; timeZone: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const { state, reason } = useConnection();
  const restarting = state === 'reconnecting' && reason === 'core_restarted';
  // Once core is back after a crash, say so: what the operator was saving was checked again.
  const wasRestarting = useRef(false);
  useEffect(() => {
    if (restarting) wasRestarting.current = true;
    else if (state === 'connected' && wasRestarting.current) {
      wasRestarting.current = false;
      toast({ kind: 'success', title: t('conn.restarted'), body: t('conn.restartedBody') });
    }
  }, [restarting, state, t, toast]);
  return (
    <div className="status-bar">
      {demo && <span className="badge badge-demo">{t('demo.badge')}</span>}
      <span
        className={`conn conn-${state}`}
        data-testid="connection-state"
        data-state={state}
        data-reason={reason}
        role={restarting ? 'alert' : undefined}
      >
        <span className="dot" aria-hidden />
        {restarting ? t('conn.coreRestarting') : t(`conn.${state}`)}
      </span>
      <SyncIndicator timeZone={timeZone} />
    </div>
  );
}
