/**
 * `npm run -s i18n:check`: every language has every key of the English reference catalogue (a
 * non-empty text with the same {placeholders}), and every key is used somewhere in the renderer.
 * Prints one JSON line `{"languages","keys","missing","unused"}`; exits 1 when a key is missing
 * (or a placeholder differs) in any language, naming them on stderr. Unused keys are reported
 * (stderr) but do not fail the check.
 *
 * "Used" is read from the source: a key written as a string literal, or matched by a template
 * literal such as `session.role.${role}` (its fixed parts, anything between).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { en } from '../renderer/src/lib/i18n/en';
import { sv } from '../renderer/src/lib/i18n/sv';

/** The shipped languages: English is the reference. */
const CATALOGUES: Record<string, Record<string, string>> = { en, sv };

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = path.join(root, 'renderer/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

export function missingKeys(catalogues: Record<string, Record<string, string>>): string[] {
  const reference = catalogues.en!;
  const problems: string[] = [];
  for (const [lang, dict] of Object.entries(catalogues)) {
    if (lang === 'en') continue;
    for (const [key, text] of Object.entries(reference)) {
      const own = dict[key];
      if (typeof own !== 'string' || own.trim() === '') problems.push(`${lang}: ${key} is missing`);
      else if (placeholders(own) !== placeholders(text))
        problems.push(`${lang}: ${key} has {${placeholders(own)}}, English has {${placeholders(text)}}`);
    }
    for (const key of Object.keys(dict)) if (!(key in reference)) problems.push(`${lang}: ${key} is not an English key`);
  }
  return problems;
}

export function unusedKeys(keys: string[], sources: string[]): string[] {
  const literals = new Set<string>();
  const patterns: RegExp[] = [];
  for (const text of sources) {
    for (const m of text.matchAll(/'([^'\\\n]*)'|"([^"\\\n]*)"/g)) literals.add(m[1] ?? m[2]!);
    for (const m of text.matchAll(/`([^`]*)`/g)) {
      const body = m[1]!;
      if (!body.includes('${')) literals.add(body);
      else {
        const parts = body.split(/\$\{[^}]*\}/);
        if (parts.join('').length < 3) continue;
        const escaped = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        patterns.push(new RegExp(`^${escaped.join('[^\\s]+?')}$`));
      }
    }
  }
  return keys.filter((k) => !literals.has(k) && !patterns.some((p) => p.test(k)));
}

function main() {
  const files = sourceFiles(SOURCE).filter((f) => !/[/\\](messages(-\w+)?\.ts|i18n[/\\](en|sv)\.ts)$/.test(f));
  const sources = files.map((f) => readFileSync(f, 'utf8'));
  const keys = Object.keys(CATALOGUES.en!);
  const missing = missingKeys(CATALOGUES);
  const unused = unusedKeys(keys, sources);
  for (const m of missing) process.stderr.write(`missing ${m}\n`);
  for (const u of unused) process.stderr.write(`unused ${u}\n`);
  process.stdout.write(
    `${JSON.stringify({ languages: Object.keys(CATALOGUES).length, keys: keys.length, missing: missing.length, unused: unused.length })}\n`,
  );
  if (missing.length > 0) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
