/**
 * Claim deadlines for scripts and tests:
 *   npm run -s claims:deadlines -- --regime cmr|carmack|montreal|<carrier id>
 *     --kind apparent-damage|concealed-damage|loss|shortage|delay --delivered YYYY-MM-DD --country CC
 *     [--shipped YYYY-MM-DD] [--filed YYYY-MM-DD] [--disallowed YYYY-MM-DD] [--wilful]
 * prints one line of JSON: {"noticeBy","claimBy","limitationBy","sources"}. Bad arguments: one
 * line on stderr naming what to fix, exit 2.
 */
import { parseIsoDate } from '@shared/domain/time';
import { CLAIM_KINDS, cliSummary, computeDeadlines, REGIME_IDS, type ClaimKind } from '@shared/domain/claims';
import { isKnownCountry, publicHolidays } from '@shared/domain/claims/holidays';
import { parseArgs } from './lib/args';

class UsageError extends Error {}

function date(args: Map<string, string | undefined>, name: string, required: boolean): string | null {
  const v = args.get(name);
  if (v === undefined) {
    if (required) throw new UsageError(`--${name} YYYY-MM-DD is required`);
    return null;
  }
  if (!parseIsoDate(v)) throw new UsageError(`--${name} ${v}: not a calendar day; use YYYY-MM-DD`);
  return v;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const regime = args.get('regime');
  if (!regime || !REGIME_IDS.includes(regime))
    throw new UsageError(`--regime must be one of ${REGIME_IDS.join(', ')}${regime ? ` (got ${regime})` : ''}`);
  const kind = args.get('kind');
  if (!kind || !(CLAIM_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`--kind must be one of ${CLAIM_KINDS.join(', ')}${kind ? ` (got ${kind})` : ''}`);
  const delivered = date(args, 'delivered', true)!;
  const country = (args.get('country') ?? '').toUpperCase();
  if (!isKnownCountry(country))
    throw new UsageError(`--country must be a two-letter country code such as SE, NO, DE${country ? ` (got ${country})` : ''}`);
  const result = computeDeadlines(
    {
      regime,
      kind: kind as ClaimKind,
      delivered,
      shipped: date(args, 'shipped', false),
      filed: date(args, 'filed', false),
      disallowed: date(args, 'disallowed', false),
      wilful: args.has('wilful'),
      country,
    },
    publicHolidays(country),
  );
  process.stdout.write(JSON.stringify(cliSummary(result)) + '\n');
}

try {
  main();
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`claims:deadlines: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
