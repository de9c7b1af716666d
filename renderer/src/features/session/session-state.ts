import { useQueryClient } from '@tanstack/react-query';
import type { SessionStatus } from '@shared/contract';
import { ApiError } from '../../lib/api/client';
import { useCommandQuery, useEvent } from '../../lib/api/hooks';
import type { Translate } from '../../lib/i18n';
import type { MessageKey } from '../../lib/i18n/en';

/**
 * The workstation's session as core has it. When someone else signs in, or it locks, every
 * other query is refetched: what a screen shows and allows follows the signed-in role.
 */
export function useSession(): SessionStatus | undefined {
  const queryClient = useQueryClient();
  const query = useCommandQuery('session.status', {});
  useEvent('session.changed', (next) => {
    const before = queryClient.getQueryData<SessionStatus>(['session.status', {}]);
    queryClient.setQueryData(['session.status', {}], next);
    if (JSON.stringify(before?.user) !== JSON.stringify(next.user) || before?.locked !== next.locked)
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session.status' });
  });
  return query.data;
}

const REASONS = [
  'pin_wrong',
  'pin_blocked',
  'badge_unknown',
  'no_pin',
  'user_unknown',
  'not_lockable',
  'last_admin',
  'admin_without_credentials',
  'self',
  'badge_taken',
  'locked',
  'role',
] as const;

/** A session or users refusal in the operator's language (core's English text otherwise). */
export function sessionErrorText(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    const d = (err.details ?? {}) as { reason?: string; attemptsLeft?: number; retryAfterSeconds?: number };
    const reason = REASONS.find((r) => r === d.reason);
    if (reason)
      return t(`session.error.${reason}` as MessageKey, { count: d.attemptsLeft ?? 0, seconds: d.retryAfterSeconds ?? 60 });
  }
  return err instanceof Error ? err.message : String(err);
}

/** A user's name as shown: the install's own local admin, never renamed, in the UI's language. */
export function userName(user: { id: string; name: string }, t: Translate): string {
  return user.id === 'local-admin' && user.name === 'Local admin' ? t('session.localAdmin') : user.name;
}
