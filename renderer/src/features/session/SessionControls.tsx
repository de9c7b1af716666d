import { useEffect, useRef } from 'react';
import type { SessionStatus } from '@shared/contract';
import { useToast } from '../../app/toasts';
import { useApi } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { sessionErrorText, userName } from './session-state';
import './session.css';

/** The top bar's "who is signed in" and "Switch user" (locks now, for the next person). */
export function SessionControls({ status }: { status: SessionStatus }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  useIdleReports(status);
  if (!status.user) return null;
  return (
    <span className="session-controls" data-testid="session-user">
      <span title={t(`session.role.${status.user.role}`)}>{t('session.signedInAs', { name: userName(status.user, t) })}</span>
      {status.lockable && (
        <button
          type="button"
          onClick={() =>
            void api.call('session.lock', {}).catch((err: unknown) => toast({ kind: 'error', title: sessionErrorText(err, t) }))
          }
        >
          {t('session.switchUser')}
        </button>
      )}
    </span>
  );
}

/**
 * Tells core the person at the screen is active (keys, pointer, wheel), at most a few times per
 * idle period. Core keeps the idle clock and locks; this only feeds it.
 */
function useIdleReports(status: SessionStatus) {
  const api = useApi();
  const last = useRef(0);
  const active = status.lockable && !status.locked && status.idleLockSeconds > 0;
  const every = Math.max(1000, (status.idleLockSeconds * 1000) / 4);
  useEffect(() => {
    if (!active) return;
    const report = () => {
      const now = Date.now();
      if (now - last.current < every) return;
      last.current = now;
      void api.call('session.activity', {}).catch(() => undefined);
    };
    const kinds = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
    for (const k of kinds) window.addEventListener(k, report, { capture: true, passive: true });
    return () => {
      for (const k of kinds) window.removeEventListener(k, report, { capture: true });
    };
  }, [api, active, every]);
}
