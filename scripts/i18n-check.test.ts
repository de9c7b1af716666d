import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { missingKeys, unusedKeys } from './i18n-check';

describe('i18n check', () => {
  it('names a key a language lacks, leaves empty, words with other placeholders, or adds', () => {
    const problems = missingKeys({
      en: { 'a.one': 'One', 'a.two': '{count} two', 'a.three': 'Three', 'a.four': 'Four {name}' },
      sv: { 'a.one': 'Ett', 'a.three': '  ', 'a.four': 'Fyra {namn}', 'a.extra': 'Extra' },
    });
    expect(problems).toEqual([
      'sv: a.two is missing',
      'sv: a.three is missing',
      'sv: a.four has {namn}, English has {name}',
      'sv: a.extra is not an English key',
    ]);
    expect(missingKeys({ en: { k: 'K {n}' }, sv: { k: 'K {n}' } })).toEqual([]);
  });

  it('counts a key used when written out or matched by a template literal', () => {
    const sources = ["t('a.used')", 't(`role.${r}`)', 'const k = "b.used";'];
    expect(unusedKeys(['a.used', 'b.used', 'role.admin', 'role.admin.deep x', 'c.unused'], sources)).toEqual([
      'role.admin.deep x',
      'c.unused',
    ]);
  });

  it('prints one JSON line for the shipped catalogues and passes', () => {
    const script = fileURLToPath(new URL('./i18n-check.ts', import.meta.url));
    const out = execFileSync('npx', ['tsx', script], { encoding: 'utf8' }).trim().split('\n');
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!)).toMatchObject({ languages: 2, missing: 0, unused: 0 });
    expect(spawnSync('npx', ['tsx', script]).status).toBe(0);
  });
});
