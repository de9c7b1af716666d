import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHostProcess } from '../../e2e/support/host-process';
import { WsClient } from '../../e2e/support/ws-client';
import { Database } from '../core/db/database';
import { useTempDirs } from '../core/testing';

const tempDir = useTempDirs();

describe('crash safety', () => {
  it('keeps every acknowledged booking and its outbox row when core is SIGKILLed mid-stream', async () => {
    const dataDir = tempDir();
    const host = await startHostProcess({ dataDir, demo: false, fromSource: true });
    const client = await WsClient.connect(host.url);
    const door = await client.call('dock.createDoor', {
      name: 'Door 1',
      direction: 'both',
      opensAt: '00:00',
      closesAt: '24:00',
    });
    if (!door.ok) throw new Error(door.error.message);
    const doorId = (door.value as { id: string }).id;

    // Bookings stream in, several in flight at once, until the process dies under them.
    const acknowledged: string[] = [];
    const base = Date.UTC(2030, 0, 1);
    let sent = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const i = sent++;
        const r = await client
          .call('dock.bookAppointment', {
            doorId,
            carrierName: `Carrier ${i % 7}`,
            reference: `REF-${i}`,
            startAt: base + i * 15 * 60_000,
            durationMin: 15,
            loadType: 'palletized',
            pallets: i % 30,
          })
          .catch(() => null);
        // No answer means the connection died: this writer stops, as a client would.
        if (!r) return;
        if (r.ok) acknowledged.push((r.value as { id: string }).id);
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
    await host.stop('SIGKILL');
    killed = true;
    client.close();
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    // The restarted host opens the same file; then check it directly.
    const restarted = await startHostProcess({ dataDir, demo: false, fromSource: true });
    const again = await WsClient.connect(restarted.url);
    expect(await again.call('sync.status', {})).toMatchObject({ ok: true });
    again.close();
    await restarted.stop();

    const db = await Database.open(join(dataDir, 'loadstar.db'));
    expect(await db.integrityCheck()).toBe('ok');
    const stored = new Set((await db.all<{ id: string }>('SELECT id FROM appointments')).map((r) => r.id));
    const logged = new Set(
      (await db.all<{ args: string }>("SELECT args FROM outbox WHERE name = 'dock.bookAppointment'")).map(
        (r) => (JSON.parse(r.args) as { resultId: string }).resultId,
      ),
    );
    const missing = acknowledged.filter((id) => !stored.has(id) || !logged.has(id));
    expect(missing).toEqual([]);
    // Nothing half-done either: every stored appointment has its mutation and vice versa.
    expect([...stored].filter((id) => !logged.has(id))).toEqual([]);
    expect([...logged].filter((id) => !stored.has(id))).toEqual([]);
    await db.close();
  }, 90_000);
});
