import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run -s dock:occurrences', () => {
  const run = (...args: string[]) =>
    spawnSync('npx', ['tsx', 'scripts/dock-occurrences.ts', ...args], { encoding: 'utf8', timeout: 60_000 });

  it('prints exactly one line of JSON: ISO 8601 times with their offsets', () => {
    const out = execFileSync(
      'npx',
      ['tsx', 'scripts/dock-occurrences.ts', '--rrule', 'FREQ=WEEKLY;BYDAY=MO;COUNT=3', '--start', '2026-03-23T08:00', '--tz', 'Europe/Stockholm'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(out.endsWith('\n')).toBe(true);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(out)).toEqual(['2026-03-23T08:00:00+01:00', '2026-03-30T08:00:00+02:00', '2026-04-06T08:00:00+02:00']);
  });

  it('exits 2 with the code and reason on stderr, and nothing on stdout, for bad input', () => {
    const r = run('--rrule', 'FREQ=WEEKLY;COUNT=3', '--start', '2026-03-23T08:00', '--tz', 'Nowhere/Land');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('invalid_input (bad_time_zone)');
    const missing = run('--rrule', 'FREQ=WEEKLY;COUNT=3');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('usage:');
  });
});
