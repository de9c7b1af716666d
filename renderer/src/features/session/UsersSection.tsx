import { useState } from 'react';
import { mayRun, ROLES, type LocalUser, type Role, type SessionStatus } from '@shared/contract';
import { Dialog, FormActions } from '../../app/dialog';
import { useToast } from '../../app/toasts';
import { useApi, useCommandQuery } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { useWedgeScan } from '../../app/wedge-scan';
import { sessionErrorText, userName } from './session-state';
import './session.css';

/** Settings → Users: the workstation's local users and its idle lock (administrators only). */
export function UsersSection({ role, session }: { role: string; session: SessionStatus | undefined }) {
  const { t } = useI18n();
  const users = useCommandQuery('users.list', {}, { enabled: mayRun(role, 'users.list') });
  const [editing, setEditing] = useState<LocalUser | 'new' | null>(null);
  const api = useApi();
  const toast = useToast();
  if (!mayRun(role, 'users.list')) return null;
  const remove = async (u: LocalUser) => {
    if (!window.confirm(t('users.removeConfirm', { name: u.name }))) return;
    try {
      await api.call('users.remove', { id: u.id });
      void users.refetch();
    } catch (err) {
      toast({ kind: 'error', title: sessionErrorText(err, t) });
    }
  };
  return (
    <section className="users-section" data-testid="users-section">
      <h2>{t('users.title')}</h2>
      <p className="muted">{t('users.intro')}</p>
      <table className="table">
        <thead>
          <tr>
            <th>{t('users.name')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.signIn')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <tr key={u.id}>
              <td>
                {userName(u, t)} {u.id === session?.user?.id && <span className="muted">{t('users.you')}</span>}
              </td>
              <td>{t(`session.role.${u.role}`)}</td>
              <td>
                {[u.hasPin && t('users.hasPin'), u.hasBadge && t('users.hasBadge')].filter(Boolean).join(' · ') ||
                  t('users.none')}
              </td>
              <td className="row-actions">
                <button type="button" onClick={() => setEditing(u)}>
                  {t('common.edit')}
                </button>{' '}
                <button type="button" className="danger-link" onClick={() => void remove(u)}>
                  {t('users.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={() => setEditing('new')}>
          {t('users.add')}
        </button>
        <IdleLockField seconds={session?.idleLockSeconds ?? 300} />
      </div>
      {editing && (
        <UserDialog
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void users.refetch();
          }}
        />
      )}
    </section>
  );
}

function IdleLockField({ seconds }: { seconds: number }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [value, setValue] = useState(String(seconds));
  return (
    <form
      className="idle-lock"
      onSubmit={(e) => {
        e.preventDefault();
        api.call('session.setIdleLock', { seconds: Number(value) }).then(
          () => toast({ kind: 'success', title: t('users.idleSaved') }),
          (err: unknown) => toast({ kind: 'error', title: sessionErrorText(err, t) }),
        );
      }}
    >
      <label>
        {t('users.idleLock')}
        <input type="number" min={0} step={1} value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit">{t('common.save')}</button>
    </form>
  );
}

function UserDialog({ user, onClose, onSaved }: { user: LocalUser | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'operator');
  const [pin, setPin] = useState('');
  const [clearPin, setClearPin] = useState(false);
  const [badge, setBadge] = useState('');
  const [clearBadge, setClearBadge] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // The app-wide wedge keeps scans out of text fields: a badge scanned now fills this one.
  useWedgeScan((scan) => {
    setBadge(scan.data);
    setClearBadge(false);
  });
  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api.call('users.save', {
        ...(user ? { id: user.id } : {}),
        name,
        role,
        ...(clearPin ? { pin: null } : pin ? { pin } : {}),
        ...(clearBadge ? { badge: null } : badge.trim() ? { badge: badge.trim() } : {}),
      });
      onSaved();
    } catch (err) {
      setProblem(sessionErrorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={user ? t('users.edit') : t('users.add')} onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {t('users.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
        </label>
        <label>
          {t('users.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`session.role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('users.newPin')}
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={12}
            value={pin}
            disabled={clearPin}
            placeholder={user?.hasPin ? t('users.keepPin') : ''}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        {user?.hasPin && (
          <label className="check">
            <input type="checkbox" checked={clearPin} onChange={(e) => setClearPin(e.target.checked)} />
            {t('users.clearPin')}
          </label>
        )}
        <label>
          {t('users.badge')}
          <input
            value={badge}
            disabled={clearBadge}
            maxLength={128}
            autoComplete="off"
            placeholder={user?.hasBadge ? t('users.keepBadge') : ''}
            onChange={(e) => setBadge(e.target.value)}
          />
        </label>
        {user?.hasBadge && (
          <label className="check">
            <input type="checkbox" checked={clearBadge} onChange={(e) => setClearBadge(e.target.checked)} />
            {t('users.clearBadge')}
          </label>
        )}
        {problem && (
          <div className="refusal" role="alert">
            <strong>{t('users.saveProblem')}</strong> {problem}
          </div>
        )}
        <FormActions onCancel={onClose} busy={busy} submitLabel={t('common.save')} />
      </form>
    </Dialog>
  );
}
