/**
 * npm run -s bench:dispatch [-- --seed N --orders N --routes N --drivers N]
 *
 * A simulated day of 500 orders through the real dispatch engine (see lib/dispatch-day.ts):
 * seeded random declines, unanswered offers and cancelled routes; the engine re-offers,
 * escalates and re-inserts by itself. Prints the figures, then one line of JSON:
 * {"orders":500,"autoReassignedPct":…,"escalated":…,"stuck":0}. Exits 1 if any order is stuck.
 */
import { parseArgs } from './lib/args';
import { DEFAULT_DAY, simulateDay } from './lib/dispatch-day';

const args = parseArgs(process.argv.slice(2));
const num = (name: string, fallback: number) => {
  const v = args.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number ≥ 0`);
  return n;
};
const options = {
  ...DEFAULT_DAY,
  seed: num('seed', DEFAULT_DAY.seed),
  orders: num('orders', DEFAULT_DAY.orders),
  routes: num('routes', DEFAULT_DAY.routes),
  drivers: num('drivers', DEFAULT_DAY.drivers),
};

const r = await simulateDay(options);
console.log(
  `dispatch day: ${r.orders} orders (${options.lateOrders} offered one by one), ${options.routes} routes, ${options.drivers} drivers, 2 carriers, seed ${options.seed}`,
);
console.log(
  `  random: ${options.noAnswer * 100}% of offers never answered, ${options.decline * 100}% of answers declines, ${options.cancel * 100}% of accepted routes cancelled; K=${options.maxAttempts}, T=${options.escalateAfterMin} min, offers last ${options.expiresInMin} min`,
);
console.log(`  offers ${r.offers}, declined ${r.declines}, expired ${r.expiries}, routes cancelled ${r.cancellations}`);
console.log(
  `  orders affected ${r.affected}, recovered without a dispatcher ${r.recovered} (${r.autoReassignedPct}%), left unassigned with a reason ${r.unassigned}, jobs escalated ${r.escalated}, stuck ${r.stuck}`,
);
console.log(`  engine steps ${r.steps}: mean ${r.stepMs.mean} ms, max ${r.stepMs.max} ms; wall ${r.wallSeconds} s`);
console.log(JSON.stringify({ orders: r.orders, autoReassignedPct: r.autoReassignedPct, escalated: r.escalated, stuck: r.stuck }));
process.exit(r.stuck === 0 ? 0 : 1);
