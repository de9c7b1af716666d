import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { mayRun, type SyncStatus } from '@shared/contract';
import { useToast } from '../../app/toasts';
import { useCommandMutation, useCommandQuery } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import './sync.css';

/**
 * Settings → Sync server: the address (admins), signing in and out, and registering this
 * workstation. Every refusal core gives is shown as it words it.
 */
export function SyncSettingsSection({ role }: { role: string }) {
  const { t } = useI18n();
  const status = useCommandQuery('sync.status', {}).data;
  return (
    <section className="sync-section" aria-labelledby="sync-title" data-testid="sync-settings">
      <h2 id="sync-title">{t('sync.settings.title')}</h2>
      <p className="muted">{t('sync.settings.intro')}</p>
      {status && (
        <>
          {status.registered ? (
            <p data-testid="sync-registered">
              {t('sync.settings.registeredWith', { tenant: status.tenant?.name ?? '', url: status.endpoint ?? '' })}
            </p>
          ) : (
            <ServerAddress status={status} canEdit={mayRun(role, 'sync.configure')} />
          )}
          {status.endpoint && <Account status={status} />}
          {status.registered && <SyncFacts status={status} />}
        </>
      )}
    </section>
  );
}

function ServerAddress({ status, canEdit }: { status: SyncStatus; canEdit: boolean }) {
  const { t } = useI18n();
  const toast = useToast();
  const configure = useCommandMutation('sync.configure');
  const [url, setUrl] = useState(status.endpoint ?? '');
  const [allowInsecure, setAllowInsecure] = useState(status.allowInsecure);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    configure.mutate({ serverUrl: url, allowInsecure }, { onSuccess: () => toast({ kind: 'success', title: t('sync.settings.urlSaved') }) });
  };
  return (
    <form className="sync-form" onSubmit={submit}>
      <label>
        {t('sync.settings.url')}
        <input
          name="serverUrl"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://sync.example.com"
          disabled={!canEdit}
          aria-describedby="sync-url-hint"
        />
      </label>
      <small id="sync-url-hint" className="muted">
        {canEdit ? t('sync.settings.urlHint') : t('sync.settings.onlyAdmin')}
      </small>
      <label className="sync-check">
        <input type="checkbox" checked={allowInsecure} disabled={!canEdit} onChange={(e) => setAllowInsecure(e.target.checked)} />
        {t('sync.settings.allowInsecure')}
      </label>
      <Refusal error={configure.error} />
      {canEdit && (
        <div className="actions">
          <button type="submit" disabled={configure.isPending}>
            {t('sync.settings.saveUrl')}
          </button>
        </div>
      )}
    </form>
  );
}

function Account({ status }: { status: SyncStatus }) {
  const { t } = useI18n();
  const signOut = useCommandMutation('sync.signOut');
  if (!status.user) return <SignIn tenant={status.tenant?.slug ?? ''} />;
  return (
    <div className="sync-account">
      <p data-testid="sync-user">
        {t('sync.signedInAs', { name: status.user.name, email: status.user.email, role: status.user.role })}
      </p>
      <div className="actions">
        <button type="button" onClick={() => signOut.mutate({})} disabled={signOut.isPending}>
          {t('sync.signOut')}
        </button>
      </div>
      {!status.registered && <Register />}
    </div>
  );
}

function SignIn({ tenant: fixedTenant }: { tenant: string }) {
  const { t } = useI18n();
  const signIn = useCommandMutation('sync.signIn');
  const [tenant, setTenant] = useState(fixedTenant);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ tenant, email, password }, { onSuccess: () => setPassword('') });
  };
  return (
    <form className="sync-form" onSubmit={submit} aria-label={t('sync.signIn.title')}>
      <h3>{t('sync.signIn.title')}</h3>
      <label>
        {t('sync.signIn.tenant')}
        <input name="tenant" value={tenant} onChange={(e) => setTenant(e.target.value)} readOnly={Boolean(fixedTenant)} required />
      </label>
      <label>
        {t('sync.signIn.email')}
        <input name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </label>
      <label>
        {t('sync.signIn.password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      <Refusal error={signIn.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? t('sync.signIn.busy') : t('sync.signIn.submit')}
        </button>
      </div>
    </form>
  );
}

function Register() {
  const { t } = useI18n();
  const register = useCommandMutation('sync.register');
  const queryClient = useQueryClient();
  const info = useCommandQuery('sync.status', {}).data;
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The site takes the tenant's name and time zone: what every screen shows follows.
    register.mutate({ name }, { onSuccess: () => void queryClient.invalidateQueries() });
  };
  return (
    <form className="sync-form" onSubmit={submit} aria-label={t('sync.register.title')}>
      <h3>{t('sync.register.title')}</h3>
      <p className="notice">{t('sync.register.warning', { tenant: info?.tenant?.name ?? t('sync.signIn.tenant') })}</p>
      <label>
        {t('sync.register.name')}
        <input name="workstation" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <Refusal error={register.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={register.isPending}>
          {register.isPending ? t('sync.register.busy') : t('sync.register.submit')}
        </button>
      </div>
    </form>
  );
}

function SyncFacts({ status }: { status: SyncStatus }) {
  const { t } = useI18n();
  const now = useCommandMutation('sync.now');
  return (
    <div className="sync-facts">
      <p>{t('sync.status.pending', { count: status.pending })}</p>
      {status.lastError && <p className="muted">{t('sync.status.error', { message: status.lastError })}</p>}
      <button type="button" onClick={() => now.mutate({})}>
        {t('sync.syncNow')}
      </button>
    </div>
  );
}

function Refusal({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <div className="refusal" role="alert">
      <p>{error.message}</p>
    </div>
  );
}
