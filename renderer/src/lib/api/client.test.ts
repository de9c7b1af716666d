import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '@shared/contract';
import { ApiClient, ApiError, newRequestId } from './client';
import type { ConnectionState, DropReason, Transport } from './transport';

/** A transport whose answers and link state the test scripts, recording what was sent. */
function scripted(answers: Array<(id: number) => ServerMessage>) {
  const sent: Array<{ name: string; input: unknown; requestId?: string }> = [];
  const stateListeners = new Set<(s: ConnectionState, r?: DropReason) => void>();
  let state: ConnectionState = 'connected';
  let id = 0;
  const transport: Transport = {
    async invoke(name, input, requestId) {
      sent.push({ name, input, requestId });
      const answer = answers.shift()!(++id);
      // The link goes down with an unknown outcome, as a closing socket does.
      if ('ok' in answer && !answer.ok && (answer.error.details as { outcome?: string })?.outcome)
        setState('reconnecting', 'core_restarted');
      return answer;
    },
    on: () => () => undefined,
    onState(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
  };
  const setState = (s: ConnectionState, r?: DropReason) => {
    state = s;
    stateListeners.forEach((l) => l(s, r));
  };
  return { transport, sent, setState };
}

/** Lets the client's pending promise callbacks run. */
const tick = () => new Promise((r) => setTimeout(r, 0));

const unknown = (id: number): ServerMessage => ({
  id,
  ok: false,
  error: { code: 'unavailable', message: 'lost', details: { outcome: 'unknown', reason: 'core_restarted' } },
});

describe('ApiClient', () => {
  it('sends a mutation again with the same request id once the link is back', async () => {
    const t = scripted([unknown, (id) => ({ id, ok: true, value: { id: 'door-1' } })]);
    const api = new ApiClient(t.transport);
    const call = api.call('dock.createDoor', {
      name: 'D',
      direction: 'both',
      opensAt: '06:00',
      closesAt: '22:00',
    });
    await tick();
    expect(t.sent).toHaveLength(1);
    t.setState('connected');
    expect(await call).toEqual({ id: 'door-1' });
    expect(t.sent).toHaveLength(2);
    expect(t.sent[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.sent[1]!.requestId).toBe(t.sent[0]!.requestId);
  });

  it('gives a query no request id, and a fresh one to each new mutation call', async () => {
    const t = scripted([
      (id) => ({ id, ok: true, value: {} }),
      (id) => ({ id, ok: true, value: {} }),
      (id) => ({ id, ok: true, value: {} }),
    ]);
    const api = new ApiClient(t.transport);
    await api.call('app.info', {});
    await api.call('dock.setDoorActive', { id: 'd', active: true });
    await api.call('dock.setDoorActive', { id: 'd', active: true });
    expect(t.sent[0]!.requestId).toBeUndefined();
    expect(t.sent[1]!.requestId).not.toBe(t.sent[2]!.requestId);
  });

  it('stops after three sends and shows the refusal; passes other refusals on at once', async () => {
    const t = scripted([unknown, unknown, unknown]);
    const api = new ApiClient(t.transport);
    const call = api.call('dock.setDoorActive', { id: 'd', active: true });
    for (let i = 0; i < 2; i++) {
      await tick();
      t.setState('connected');
    }
    await expect(call).rejects.toMatchObject({ code: 'unavailable' });
    expect(t.sent).toHaveLength(3);
    const refused = scripted([(id) => ({ id, ok: false, error: { code: 'conflict', message: 'taken' } })]);
    await expect(
      new ApiClient(refused.transport).call('dock.setDoorActive', { id: 'd', active: true }),
    ).rejects.toBeInstanceOf(ApiError);
    expect(refused.sent).toHaveLength(1);
  });

  it('refuses an input too large for one message without sending it', async () => {
    const t = scripted([]);
    const api = new ApiClient(t.transport);
    await expect(
      api.call('dock.setDoorActive', { id: 'x'.repeat(2_000_000), active: true }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: { reason: 'too_large' } });
    expect(t.sent).toHaveLength(0);
  });

  it('makes v4 UUIDs without crypto.randomUUID (a LAN station is not a secure origin)', () => {
    const ids = new Set(Array.from({ length: 100 }, newRequestId));
    expect(ids.size).toBe(100);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
