import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/claims-deadlines.ts', ...args], { cwd: process.cwd(), encoding: 'utf8' });

describe('npm run -s claims:deadlines', () => {
  it('prints exactly one line of JSON with the four keys', async () => {
    const { stdout } = await cli('--regime', 'cmr', '--kind', 'concealed-damage', '--delivered', '2026-04-01', '--country', 'NO');
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(Object.keys(out)).toEqual(['noticeBy', 'claimBy', 'limitationBy', 'sources']);
    expect(out).toMatchObject({ noticeBy: '2026-04-13', claimBy: null, limitationBy: '2027-04-01' });
    expect(out.sources[0]).toContain('art. 30(1)');
  }, 60_000);

  it('refuses bad arguments with exit 2 and what to fix', async () => {
    const bad = async (...args: string[]) => {
      try {
        await cli(...args);
      } catch (e) {
        const err = e as { code: number; stderr: string; stdout: string };
        expect(err.stdout).toBe('');
        return err;
      }
      throw new Error('expected a refusal');
    };
    const [day, country, kind] = await Promise.all([
      bad('--regime', 'cmr', '--kind', 'loss', '--delivered', '2026-02-30', '--country', 'SE'),
      bad('--regime', 'cmr', '--kind', 'loss', '--delivered', '2026-02-03', '--country', 'XX'),
      bad('--regime', 'montreal', '--kind', 'theft', '--delivered', '2026-02-03', '--country', 'SE'),
    ]);
    expect([day.code, country.code, kind.code]).toEqual([2, 2, 2]);
    expect(day.stderr).toContain('--delivered 2026-02-30: not a calendar day');
    expect(country.stderr).toContain('--country');
    expect(kind.stderr).toContain('--kind must be one of apparent-damage');
  }, 60_000);
});
