import { fileURLToPath } from 'node:url';
import type { DispatchBoard, DispatchJob } from '@shared/contract';
import { expect, openApp, test } from './support/fixtures';
import { leaveApp, siteToday } from './support/routes-setup';
import { WsClient } from './support/ws-client';

/**
 * The operations board, empty and on a running demo day (routes offered, accepted, declined until
 * escalated, one cancelled into the others), in English and Swedish. The day is made through
 * core's own commands, as the drivers' answers would arrive; the board is what is under test.
 * PNGs land in docs/screenshots/.
 */
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

test.afterEach(leaveApp);

/** The demo day planned by the solver, dispatched, offered and answered. */
async function runDay(baseUrl: string): Promise<{ escalated: string; cancelled: string; offered: number }> {
  const ws = await WsClient.connect(baseUrl);
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await ws.call(name, input);
    if (!r.ok) throw new Error(`${name} refused: ${r.error.message}`);
    return r.value as T;
  };
  try {
    const date = await siteToday(baseUrl);
    const drivers = await call<{ id: string; name: string }[]>('routes.listDrivers', { date });
    // The solver plans the demo day (a few seconds), then each used van gets a driver.
    await call('routes.optimize', { date, timeLimitSec: 3 });
    for (let k = 0; k < 100 && (await call('routes.optimizeStatus', { date })); k++) await new Promise((r) => setTimeout(r, 250));
    const plan = await call<{ routes: { vehicleId: string; stops: unknown[] }[] }>('routes.getPlan', { date });
    const routes = plan.routes.filter((r) => r.stops.length).map((r, k) => ({ vehicleId: r.vehicleId, driverId: drivers[k]!.id }));
    if (routes.length < 3) throw new Error(`the demo day needs at least 3 routes, got ${routes.length}`);
    await call('routes.dispatch', { date, assignments: routes });
    const jobs: DispatchJob[] = [];
    for (const r of routes) jobs.push(await call<DispatchJob>('dispatch.offer', { date, vehicleId: r.vehicleId, expiresInMin: 30 }));
    const openOffer = async (jobId: string) =>
      (await call<DispatchBoard>('dispatch.board', { date })).jobs.find((j) => j.id === jobId)!.offer;
    // The first two drivers take their routes.
    for (const j of jobs.slice(0, 2)) await call('dispatch.accept', { offerId: (await openOffer(j.id))!.id });
    // The third route is declined by everyone asked until it goes to the dispatcher.
    for (let k = 0; k < 10; k++) {
      const offer = await openOffer(jobs[2]!.id);
      if (!offer) break;
      await call('dispatch.decline', { offerId: offer.id, reason: 'Not today' });
    }
    // The second driver's van breaks down: its orders go onto the first route (or are left with the reason).
    await call('dispatch.cancelRoute', { jobId: jobs[1]!.id, reason: 'Van broke down' });
    return { escalated: jobs[2]!.label, cancelled: jobs[1]!.label, offered: jobs.length - 3 };
  } finally {
    ws.close();
  }
}

for (const language of ['en', 'sv'] as const) {
  const words =
    language === 'en'
      ? { nav: 'Operations', escalated: 'Escalated', assigned: 'Assigned', offered: 'Offered', onBreak: 'On a break', zones: 'Zone health' }
      : { nav: 'Drift', escalated: 'Eskalerade', assigned: 'Tilldelade', offered: 'Erbjudna', onBreak: 'Rast', zones: 'Zonläge' };

  test.describe(`operations board in ${language}`, () => {
    test.use({ language });
    test('an empty day', async ({ page, host }) => {
      await openApp(page, host);
      await page.getByRole('link', { name: words.nav }).click();
      const board = page.getByTestId('ops-board');
      await expect(board.locator('[data-count="assigned"] .ops-count-value')).toHaveText('0');
      await expect(board.locator('.ops-empty')).toBeVisible();
      await page.screenshot({ path: `${OUT}operations-empty-${language}.png` });
    });

    test.describe('on a running demo day', () => {
      test.use({ demo: true });

      test('counts, lists, escalation, zone health, filters and driver availability', async ({ page, host }) => {
        const { escalated, cancelled, offered } = await runDay(host.current().url);
        await openApp(page, host);
        await page.getByRole('link', { name: words.nav }).click();
        const board = page.getByTestId('ops-board');
        await expect(board.locator('[data-count="assigned"] .ops-count-value')).toHaveText('1');
        await expect(board.locator('[data-count="offered"] .ops-count-value')).toHaveText(String(offered));
        await expect(board.locator('[data-count="escalated"] .ops-count-value')).toHaveText('1');
        // The escalated list is open first: the route everyone declined, and why.
        const row = board.getByTestId('ops-jobs').locator(`tr[data-job="${escalated}"]`);
        await expect(row).toHaveAttribute('data-state', 'escalated');
        await expect(row.locator('.ops-escalation')).toBeVisible();
        await expect(board.getByTestId('ops-jobs').locator(`tr[data-job="${cancelled}"]`)).toHaveCount(0);
        await expect(board.getByTestId('ops-zones')).toContainText(words.zones);
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${OUT}operations-escalated-${language}.png` });

        // The assigned list holds the route that took the cancelled route's orders.
        await board.locator('[data-count="assigned"]').click();
        const assigned = board.getByTestId('ops-jobs').locator('tr[data-state="assigned"]');
        await expect(assigned).toHaveCount(1);
        const stops = Number(await assigned.locator('td.num').innerText());
        expect(stops).toBeGreaterThan(5);

        // A driver goes on a break: the board says so after core stored it.
        const driver = board.locator('.ops-drivers li').last();
        await driver.locator('select').selectOption({ label: words.onBreak });
        await expect(driver.locator('select')).toHaveValue('on_break');

        // Filter by a zone nobody works in: every count drops to 0; back to all, they return.
        const busy = await board.locator('[data-zone]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-zone')));
        const idle = ['central', 'north', 'east', 'south', 'west'].find((z) => !busy.includes(z))!;
        await board.getByTestId('ops-zone').selectOption(idle);
        for (const l of ['assigned', 'offered', 'unassigned', 'late', 'escalated'])
          await expect(board.locator(`[data-count="${l}"] .ops-count-value`)).toHaveText('0');
        await board.getByTestId('ops-zone').selectOption(busy[0]!);
        await expect(board.locator('[data-zone]').first()).toBeVisible();
        await board.getByTestId('ops-zone').selectOption('');
        await expect(board.locator('[data-count="escalated"] .ops-count-value')).toHaveText('1');
        await board.locator('[data-count="offered"]').click();
        await expect(board.locator('tr[data-state="offered"]')).toHaveCount(offered);
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${OUT}operations-offered-${language}.png` });
      });
    });
  });
}
