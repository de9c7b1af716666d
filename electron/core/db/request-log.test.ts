import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs, useTestCore } from '../testing';
import { Database } from './database';
import { recordMutation } from './outbox';
import { pruneRequests, runInRequestScope, type RequestScope } from './request-log';

const start = useTestCore();
const tempDir = useTempDirs();

const door = { name: 'Door 1', direction: 'both', opensAt: '06:00', closesAt: '22:00' };
const door0 = () => ({ ...door });
const booking = (doorId: string) => ({
  doorId,
  carrierName: 'DSV',
  reference: 'R-1',
  startAt: Date.UTC(2030, 0, 1, 10),
  durationMin: 30,
  loadType: 'palletized',
  pallets: 3,
});

describe('idempotent mutations', () => {
  it('applies a request id once and answers a retry with the first answer', async () => {
    const core = await start();
    const requestId = randomUUID();
    const send = (id: number) =>
      core.router.dispatch({ id, name: 'dock.createDoor', input: door, requestId }, core.localContext);
    const first = await send(1);
    const retry = await send(2);
    expect(first.ok).toBe(true);
    expect(retry).toEqual({ ...first, id: 2 });
    const rows = await core.db.all<{ id: string }>('SELECT id FROM doors');
    expect(rows).toHaveLength(1);
    // The outbox row carries the request id: sync pushes it as the mutation's requestId.
    const outbox = await core.db.all<{ id: string; name: string }>('SELECT id, name FROM outbox');
    expect(outbox).toEqual([{ id: requestId, name: 'dock.createDoor' }]);
  });

  it('runs a retry that arrives while the first is still running only once', async () => {
    const core = await start();
    const requestId = randomUUID();
    const answers = await Promise.all(
      [1, 2, 3].map((id) =>
        core.router.dispatch({ id, name: 'dock.createDoor', input: door, requestId }, core.localContext),
      ),
    );
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(new Set(answers.map((a) => JSON.stringify(a.ok && a.value))).size).toBe(1);
    expect(await core.db.all('SELECT id FROM doors')).toHaveLength(1);
  });

  it('refuses a request id reused for another command or another input', async () => {
    const core = await start();
    const requestId = randomUUID();
    const ctx = core.localContext;
    expect(
      (await core.router.dispatch({ id: 1, name: 'dock.createDoor', input: door, requestId }, ctx)).ok,
    ).toBe(true);
    const otherInput = await core.router.dispatch(
      { id: 2, name: 'dock.createDoor', input: { ...door, name: 'Door 2' }, requestId },
      ctx,
    );
    expect(otherInput).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'request_id_reused' } },
    });
    const otherCommand = await core.router.dispatch(
      { id: 3, name: 'dock.setDoorActive', input: { id: 'x', active: false }, requestId },
      ctx,
    );
    expect(otherCommand).toMatchObject({ ok: false, error: { details: { reason: 'request_id_reused' } } });
    expect(await core.db.all('SELECT id FROM doors')).toHaveLength(1);
  });

  it('refuses a mutation without a request id, and needs none for a query', async () => {
    const core = await start();
    const r = await core.router.dispatch({ id: 1, name: 'dock.createDoor', input: door }, core.localContext);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { reason: 'request_id_missing' } },
    });
    const bad = await core.router.dispatch(
      { id: 2, name: 'dock.createDoor', input: door, requestId: 'not-a-uuid' },
      core.localContext,
    );
    expect(bad).toMatchObject({ ok: false, error: { details: { reason: 'request_id_missing' } } });
    expect(
      await core.router.dispatch({ id: 3, name: 'app.info', input: {} }, core.localContext),
    ).toMatchObject({
      ok: true,
    });
  });

  it('does not remember a refusal that wrote nothing, so the same request can be sent again', async () => {
    const core = await start();
    const requestId = randomUUID();
    const book = booking('no-such-door');
    const r = await core.router.dispatch(
      { id: 1, name: 'dock.bookAppointment', input: book, requestId },
      core.localContext,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await core.db.all('SELECT id FROM request_log')).toEqual([]);
  });

  it('stores a booking’s answer in the booking’s own transaction', async () => {
    const core = await start();
    const door = await core.router.dispatch(
      { id: 1, name: 'dock.createDoor', input: door0(), requestId: randomUUID() },
      core.localContext,
    );
    const requestId = randomUUID();
    const input = booking((door as { value: { id: string } }).value.id);
    // Catch the log row at the commit of the booking, before the handler returns.
    let atCommit: string | null | undefined;
    const off = core.events.subscribe(() => {
      void core.db
        .get<{ response: string | null }>('SELECT response FROM request_log WHERE id = ?', [requestId])
        .then((r) => (atCommit ??= r?.response));
    });
    const answer = await core.router.dispatch(
      { id: 2, name: 'dock.bookAppointment', input, requestId },
      core.localContext,
    );
    off();
    expect(answer.ok).toBe(true);
    await expect.poll(() => atCommit).toBeDefined();
    expect(JSON.parse(atCommit!)).toEqual({ ok: true, value: (answer as { value: unknown }).value });
  });

  it('says "already applied" when core stopped between the commit and the answer', async () => {
    const core = await start();
    const requestId = randomUUID();
    await core.router.dispatch({ id: 1, name: 'dock.createDoor', input: door, requestId }, core.localContext);
    // What a kill -9 between COMMIT and storing the answer leaves behind.
    await core.db.write((tx) => tx.run('UPDATE request_log SET response = NULL WHERE id = ?', [requestId]));
    const retry = await core.router.dispatch(
      { id: 2, name: 'dock.createDoor', input: door, requestId },
      core.localContext,
    );
    expect(retry).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'already_applied', requestId } },
    });
    expect(await core.db.all('SELECT id FROM doors')).toHaveLength(1);
  });
});

const scope = (command = 'test.write'): RequestScope => ({
  requestId: randomUUID(),
  command,
  inputHash: 'h',
  at: 1000,
  who: { actor: 'tester', role: 'admin', workstation: 'test' },
  input: {},
  recorded: false,
  outboxIdUsed: false,
  ended: false,
  answeredByWrite: false,
});

describe('request scope in Database.write', () => {
  it('records the request in the transaction that commits, not in one that rolls back', async () => {
    const db = await Database.open(join(tempDir(), 'x.db'));
    const s = scope();
    await runInRequestScope(s, async () => {
      await expect(
        db.write(async (tx) => {
          await recordMutation(tx, { name: 'a.b', args: {}, actor: 't' });
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(s.recorded).toBe(false);
      expect(await db.all('SELECT id FROM request_log')).toEqual([]);
      await db.write((tx) => recordMutation(tx, { name: 'a.b', args: {}, actor: 't' }));
      // A second write of the same request neither records it again nor reuses its id.
      await db.write((tx) => recordMutation(tx, { name: 'a.c', args: {}, actor: 't' }));
    });
    expect(await db.all('SELECT id FROM request_log')).toEqual([{ id: s.requestId }]);
    const outbox = await db.all<{ id: string; name: string }>('SELECT id, name FROM outbox ORDER BY seq');
    expect(outbox[0]).toEqual({ id: s.requestId, name: 'a.b' });
    expect(outbox[1]!.id).not.toBe(s.requestId);
    await db.close();
  });

  it('leaves work that outlives the handler out of the request', async () => {
    const db = await Database.open(join(tempDir(), 'x.db'));
    const s = scope();
    let later: Promise<unknown> = Promise.resolve();
    await runInRequestScope(s, async () => {
      later = new Promise((r) => setImmediate(r)).then(() =>
        db.write((tx) => recordMutation(tx, { name: 'bg.work', args: {}, actor: 't' })),
      );
    });
    s.ended = true;
    await later;
    expect(await db.all('SELECT id FROM request_log')).toEqual([]);
    expect((await db.get<{ id: string }>('SELECT id FROM outbox'))!.id).not.toBe(s.requestId);
    await db.close();
  });

  it('prunes request ids older than the cut-off', async () => {
    const db = await Database.open(join(tempDir(), 'x.db'));
    const old = scope();
    const recent = { ...scope(), at: 5000 };
    await runInRequestScope(old, () =>
      db.write((tx) => tx.run("INSERT INTO settings (key, value) VALUES ('a', '1')")),
    );
    await runInRequestScope(recent, () =>
      db.write((tx) => tx.run("INSERT INTO settings (key, value) VALUES ('b', '1')")),
    );
    expect(await db.write((tx) => pruneRequests(tx, 2000))).toBe(1);
    expect(await db.all('SELECT id FROM request_log')).toEqual([{ id: recent.requestId }]);
    await db.close();
  });
});

describe('request scope and the write queue', () => {
  it('gives each queued transaction its own caller’s request, whoever started the queue', async () => {
    const db = await Database.open(join(tempDir(), 'x.db'));
    const scopes = [1, 2, 3].map((i) => scope(`test.w${i}`));
    // Three requests queue writes at once; an urgent write from outside any request jumps ahead.
    await Promise.all([
      ...scopes.map((s) =>
        runInRequestScope(s, () =>
          db.write((tx) => recordMutation(tx, { name: s.command, args: {}, actor: 't' })),
        ),
      ),
      db.write((tx) => recordMutation(tx, { name: 'no.request', args: {}, actor: 't' }), { urgent: true }),
    ]);
    const rows = await db.all<{ id: string; name: string }>('SELECT id, name FROM outbox');
    for (const s of scopes) expect(rows).toContainEqual({ id: s.requestId, name: s.command });
    expect(rows.find((r) => r.name === 'no.request')!.id).not.toMatch(
      new RegExp(scopes.map((s) => s.requestId).join('|')),
    );
    await db.close();
  });
});
