import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../electron/core/testing';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const tempDir = useTempDirs();

/**
 * This machine's PATH without socat, apt-get and sudo: one folder of links to everything else
 * on it, so npm, sh and node work as usual.
 */
function pathWithout(hidden = ['socat', 'apt-get', 'sudo']): string {
  const bin = join(tempDir(), 'bin');
  mkdirSync(bin);
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (hidden.includes(name) || existsSync(join(bin, name))) continue;
      symlinkSync(join(dir, name), join(bin, name));
    }
  }
  return bin;
}

function envWith(path: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: path };
  delete env.LOADSTAR_SOCAT;
  delete env.LOADSTAR_NO_SYSTEM_INSTALL;
  return env;
}

describe('the README test command on a machine without socat', () => {
  it('stops before any test with one line naming the install command, and exits non-zero', () => {
    const path = pathWithout();
    // Were socat found, this would run the whole suite inside itself.
    expect(existsSync(join(path, 'socat'))).toBe(false);
    const run = spawnSync('npm', ['test'], { cwd: ROOT, env: envWith(path), encoding: 'utf8', timeout: 60_000 });
    expect(run.status).not.toBe(0);
    const instruction = run.stderr.split('\n').filter((l) => l.includes('npm test needs'));
    expect(instruction).toHaveLength(1);
    expect(instruction[0]).toMatch(/npm test needs socat\b.*run "sudo apt-get install -y socat\b.*", then npm test again/);
    // Nothing after the check ran: no typecheck, lint or test runner output.
    expect(run.stdout).not.toMatch(/tsc -p|eslint|vitest|playwright/);
  });

  it('installs what is missing with apt-get when it may, then goes on', (ctx) => {
    if (process.getuid?.() !== 0) ctx.skip();
    const bin = pathWithout();
    // A stand-in apt-get on this PATH only (the real one is hidden): it "installs" socat by putting one beside it, so
    // the check after the install must find it there.
    const log = join(tempDir(), 'apt.log');
    writeFileSync(
      join(bin, 'apt-get'),
      `#!/bin/sh\necho "$@" >> ${log}\nif [ "$1" = install ]; then printf '#!/bin/sh\\n' > ${bin}/socat; chmod +x ${bin}/socat; fi\n`,
    );
    chmodSync(join(bin, 'apt-get'), 0o755);
    const run = spawnSync(process.execPath, ['scripts/system-deps.mjs'], {
      cwd: ROOT,
      env: { ...envWith(bin), CHROMIUM_PATH: process.execPath },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Installing what the tests need: socat\b/);
    expect(existsSync(join(bin, 'socat'))).toBe(true);
    expect(spawnSync('cat', [log], { encoding: 'utf8' }).stdout).toMatch(/^update -qq\ninstall -y -qq socat/);
  });

  it('with installs turned off, only says what to run', () => {
    const run = spawnSync(process.execPath, ['scripts/system-deps.mjs'], {
      cwd: ROOT,
      env: { ...envWith(pathWithout()), LOADSTAR_NO_SYSTEM_INSTALL: '1', CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/needs socat, Chromium\b.*sudo apt-get install -y socat chromium/);
  });
});
