// The system packages `npm test` needs beyond node_modules, checked before any test starts.
// Missing ones are installed with apt-get where this user may (root, or sudo without a
// password); otherwise the run stops at once with one line naming the exact install command,
// instead of a dozen confusing test failures later.
//
//   node scripts/system-deps.mjs           check, install what is missing where allowed
//   LOADSTAR_NO_SYSTEM_INSTALL=1           check only: never run apt-get
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Whether `file` exists and may be executed. */
function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `name` on the PATH, or null. */
export function onPath(name, env = process.env) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** PostgreSQL's server binaries: on the PATH, or where Debian's postgresql package puts them. */
function postgresBin(env) {
  if (onPath('initdb', env) && onPath('pg_ctl', env)) return true;
  try {
    return readdirSync('/usr/lib/postgresql').some((v) => executable(`/usr/lib/postgresql/${v}/bin/pg_ctl`));
  } catch {
    return false;
  }
}

/** What the test suite needs, why, and the Debian package that brings it. */
export const REQUIREMENTS = [
  {
    name: 'socat',
    apt: 'socat',
    why: 'the serial scanner and Modbus RTU tests run over socat pseudo-terminals',
    present: (env) => Boolean(env.LOADSTAR_SOCAT ? executable(env.LOADSTAR_SOCAT) : onPath('socat', env)),
  },
  {
    name: 'Chromium',
    apt: 'chromium',
    why: 'the Playwright end-to-end tests drive Debian Chromium (CHROMIUM_PATH picks another)',
    present: (env) => executable(env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
  },
  {
    name: 'PostgreSQL',
    apt: 'postgresql',
    why: 'the sync server tests start a real PostgreSQL cluster',
    present: postgresBin,
    // Only the sync server's tests start PostgreSQL.
    needed: () => existsSync(fileURLToPath(new URL('../server', import.meta.url))),
  },
].filter((r) => r.needed?.() ?? true);

export function missing(env = process.env) {
  return REQUIREMENTS.filter((r) => !r.present(env));
}

/** How this user can run apt-get as root: [] (is root), ['sudo', '-n'], or null (cannot). */
function asRoot(env) {
  if (!onPath('apt-get', env)) return null;
  if (process.getuid?.() === 0) return [];
  if (onPath('sudo', env) && spawnSync('sudo', ['-n', 'true'], { env, stdio: 'ignore' }).status === 0)
    return ['sudo', '-n'];
  return null;
}

function run(argv, env) {
  const [cmd, ...args] = argv;
  const r = spawnSync(cmd, args, { env: { ...env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'ignore', 'inherit'] });
  return r.status === 0;
}

function main() {
  const env = process.env;
  const lacking = missing(env);
  if (lacking.length === 0) return 0;
  const packages = lacking.map((r) => r.apt);
  const names = lacking.map((r) => r.name).join(', ');
  const prefix = env.LOADSTAR_NO_SYSTEM_INSTALL === '1' ? null : asRoot(env);
  if (prefix) {
    console.log(`Installing what the tests need: ${packages.join(' ')} (apt-get; ${lacking.map((r) => r.why).join('; ')})`);
    const ok =
      run([...prefix, 'apt-get', 'update', '-qq'], env) &&
      run([...prefix, 'apt-get', 'install', '-y', '-qq', ...packages], env);
    const still = missing(env);
    if (ok && still.length === 0) return 0;
    console.error(
      `npm test: installing ${packages.join(' ')} failed; still missing: ${still.map((r) => r.name).join(', ') || 'none'}. Run "sudo apt-get install -y ${packages.join(' ')}" by hand, then npm test again.`,
    );
    return 1;
  }
  console.error(
    `npm test needs ${names}, not found on this machine: run "sudo apt-get install -y ${packages.join(' ')}", then npm test again (${lacking.map((r) => r.why).join('; ')}).`,
  );
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main());
