/**
 * npm run -s dock:occurrences -- --rrule "FREQ=WEEKLY;BYDAY=MO;COUNT=4" --start 2026-03-23T08:00 --tz Europe/Stockholm
 *
 * Prints one line of JSON: the rule's occurrences as ISO 8601 local times with their UTC offsets,
 * e.g. ["2026-03-23T08:00:00+01:00","2026-03-30T08:00:00+02:00",…]. The same expansion as dock
 * series (shared/domain/dock/recurrence.ts). A rule without COUNT or UNTIL prints its first
 * `--limit` occurrences (default 100) and says so on stderr. Bad input: exit 2 and one line on
 * stderr with the error code, the reason and what to change.
 */
import { AppError } from '@shared/contract/errors';
import { expandRule, isoWithOffset, isBounded, MAX_OCCURRENCES } from '@shared/domain/dock/recurrence';
import { parseArgs } from './lib/args';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const args = parseArgs(process.argv.slice(2));
const rrule = args.get('rrule');
const start = args.get('start');
const tz = args.get('tz');
if (!rrule || !start || !tz) {
  fail('usage: npm run -s dock:occurrences -- --rrule "RRULE" --start YYYY-MM-DDTHH:MM --tz Area/City [--limit N]');
}
const limitArg = args.get('limit');
const limit = limitArg === undefined ? (isBounded(rrule) ? MAX_OCCURRENCES : 100) : Number(limitArg);
if (!Number.isInteger(limit) || limit < 1 || limit > MAX_OCCURRENCES) {
  fail(`invalid_input: --limit is a whole number from 1 to ${MAX_OCCURRENCES}`);
}
try {
  const occurrences = expandRule(rrule, start, tz, limit);
  if (!isBounded(rrule) && limitArg === undefined) {
    process.stderr.write(`The rule has no COUNT or UNTIL: printed its first ${limit} occurrences (--limit N for more).\n`);
  } else if (isBounded(rrule) && occurrences.length === limit && limitArg === undefined) {
    process.stderr.write(`Printed the first ${limit} occurrences (the most this prints).\n`);
  }
  process.stdout.write(`${JSON.stringify(occurrences.map((o) => isoWithOffset(o.at, tz)))}\n`);
} catch (err) {
  if (err instanceof AppError) {
    const reason = (err.details as { reason?: string } | undefined)?.reason;
    fail(`${err.code}${reason ? ` (${reason})` : ''}: ${err.message}`);
  }
  throw err;
}
