import { useState } from 'react';
import type { SessionStatus } from '@shared/contract';
import { useApi } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { useWedgeScan } from '../../app/wedge-scan';
import { sessionErrorText, userName } from './session-state';
import './session.css';

/**
 * Shown instead of every screen while the workstation is locked. A badge scanned on the keyboard
 * scanner signs in at once (a serial scanner's badge is signed in by core itself); otherwise the
 * person picks their name and enters their PIN.
 */
export function LockScreen({ status }: { status: SessionStatus }) {
  const { t } = useI18n();
  const api = useApi();
  const withPin = status.users.filter((u) => u.hasPin);
  const [userId, setUserId] = useState<string>(
    withPin.find((u) => u.id === status.user?.id)?.id ?? withPin[0]?.id ?? '',
  );
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const signIn = async (input: { badge: string } | { userId: string; pin: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      await api.call('session.signIn', input);
      setPin('');
    } catch (err) {
      setProblem(sessionErrorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  useWedgeScan((scan) => void signIn({ badge: scan.data }));

  return (
    <div className="lock-screen" data-testid="lock-screen">
      <div className="lock-card">
        <h1>{t('session.locked.title')}</h1>
        <p className="lock-scan">{t('session.locked.scan')}</p>
        {status.user && <p className="muted">{t('session.locked.lastUser', { name: userName(status.user, t) })}</p>}
        {withPin.length > 0 && (
          <form
            className="lock-pin"
            onSubmit={(e) => {
              e.preventDefault();
              if (userId && pin) void signIn({ userId, pin });
            }}
          >
            <p className="muted">{t('session.locked.orPin')}</p>
            <div className="lock-users" role="radiogroup" aria-label={t('users.name')}>
              {withPin.map((u) => (
                <button
                  key={u.id}
                  type="button"
                  role="radio"
                  aria-checked={u.id === userId}
                  className={u.id === userId ? 'lock-user selected' : 'lock-user'}
                  onClick={() => setUserId(u.id)}
                >
                  {userName(u, t)}
                  <span className="muted small">{t(`session.role.${u.role}`)}</span>
                </button>
              ))}
            </div>
            <label>
              {t('session.pin')}
              <input
                type="password"
                inputMode="numeric"
                autoComplete="off"
                maxLength={12}
                value={pin}
                onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
              />
            </label>
            <button type="submit" className="primary" disabled={busy || !pin || !userId}>
              {busy ? t('session.signingIn') : t('session.signIn')}
            </button>
          </form>
        )}
        {problem && (
          <div className="refusal" role="alert">
            {problem}
          </div>
        )}
      </div>
    </div>
  );
}
