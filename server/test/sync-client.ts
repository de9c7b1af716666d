/** A small HTTP client for the sync API, as a workstation would call it. */
import { randomUUID } from 'node:crypto';
import type { LoginResponse, PullResponse, PushedMutation, PushResponse } from '@shared/contract';

export interface Reply<T> {
  status: number;
  body: T & { error?: { code: string; message: string; details?: Record<string, unknown> } };
}

export async function call<T = any>(base: string, path: string, body: unknown, token?: string): Promise<Reply<T>> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Reply<T>['body'] };
}

/** A signed-in user on a registered workstation. */
export async function workstation(base: string, tenant: string, email: string, password: string) {
  const clientId = randomUUID();
  const login = await call<LoginResponse>(base, '/v1/login', { tenant, email, password });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  const reg = await call<{ deviceToken: string }>(base, '/v1/devices', { clientId, name: 'Test station' }, login.body.sessionToken);
  if (reg.status !== 200) throw new Error(`register failed: ${JSON.stringify(reg.body)}`);
  const token = reg.body.deviceToken;
  const user = login.body.user;
  let next = 1;
  const mutation = (name: string, args: unknown, extra: Partial<PushedMutation> = {}): PushedMutation => ({
    id: next++,
    requestId: randomUUID(),
    name,
    args,
    actor: user.name,
    userId: user.id,
    at: Date.now(),
    baseVersion: 0,
    ...extra,
  });
  return {
    clientId,
    token,
    user,
    session: login.body.sessionToken,
    tenant: login.body.tenant,
    mutation,
    push: (mutations: PushedMutation[]) => call<PushResponse>(base, '/v1/push', { clientId, mutations }, token),
    pull: (cursor: number | null = 0, extra: Record<string, unknown> = {}) =>
      call<PullResponse>(base, '/v1/pull', { clientId, cursor, ...extra }, token),
  };
}
