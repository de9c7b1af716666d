/**
 * `npm run -s fuzz:host -- --minutes 10 --seed 7`: starts a real host (from source, on a fresh
 * data folder with the demo) and throws random and hostile input at it for the given time, then
 * prints one line of JSON: {"inputs":…,"crashes":…,"internalErrors":…}. What went wrong is on
 * stderr. Exits 1 if anything crashed, hung or answered `internal`.
 *
 * Where the machine allows it (`unshare -rn`), the whole run is in its own network namespace with
 * only a loopback interface, so nothing it makes core do can reach another machine; the inputs
 * also only ever name loopback hosts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHostProcess, type HostProcess } from '../e2e/support/host-process';
import { Database } from '../electron/core/db/database';
import { parseArgs } from './lib/args';
import { runFuzz } from './lib/fuzz/harness';
import { Rng } from './lib/fuzz/rng';

const IN_NETNS = 'LOADSTAR_FUZZ_NETNS';

function reExecInNetworkNamespace(): number | null {
  if (process.env[IN_NETNS] || process.argv.includes('--no-netns')) return null;
  const probe = spawnSync('unshare', ['-rn', 'ip', 'link', 'set', 'lo', 'up'], { stdio: 'ignore' });
  if (probe.status !== 0) return null;
  const run = spawnSync(
    'unshare',
    [
      '-rn',
      'sh',
      '-c',
      'ip link set lo up && exec "$0" "$@"',
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    { stdio: 'inherit', env: { ...process.env, [IN_NETNS]: '1' } },
  );
  return run.status ?? 1;
}

async function main(): Promise<number> {
  const nested = reExecInNetworkNamespace();
  if (nested !== null) return nested;
  const args = parseArgs(process.argv.slice(2));
  const seconds = args.has('seconds') ? Number(args.get('seconds')) : Number(args.get('minutes') ?? 1) * 60;
  const seed = Number(args.get('seed') ?? Date.now() % 2 ** 31);
  if (!(seconds > 0) || !Number.isInteger(seed))
    throw new Error('usage: fuzz:host [--minutes N | --seconds N] [--seed S]');
  const report = (line: string) => process.stderr.write(`fuzz: ${line}\n`);
  report(
    `seed ${seed}, ${seconds} s${process.env[IN_NETNS] ? ', in a loopback-only network namespace' : ''}`,
  );

  const dataDir = mkdtempSync(join(tmpdir(), 'loadstar-fuzz-'));
  let hostDeaths = 0;
  let host: HostProcess = await startHostProcess({ dataDir, demo: true, fromSource: true });
  let current = host;
  const watch = (h: HostProcess) =>
    h.child.once('exit', (code, signal) => {
      if (h !== current || stopping) return;
      hostDeaths++;
      report(`the host process died (${signal ?? code}):\n${h.output().slice(-2000)}`);
      void startHostProcess({ dataDir, demo: true, fromSource: true, port: h.port }).then((next) => {
        current = host = next;
        watch(next);
      });
    });
  let stopping = false;
  watch(host);
  let earlierCoreDeaths = 0;
  const coreDeaths = () =>
    earlierCoreDeaths + (host.output().match(/core stopped (unexpectedly|answering)/g)?.length ?? 0);

  const result = await runFuzz(
    { port: () => host.port, alive: () => host.child.exitCode === null && host.child.signalCode === null },
    new Rng(seed),
    { durationMs: seconds * 1000, crashes: () => hostDeaths + coreDeaths(), report },
  );
  stopping = true;
  earlierCoreDeaths = coreDeaths();
  if (earlierCoreDeaths)
    report(
      `core restarts:\n${host
        .output()
        .split('\n')
        .filter((l) => /core stopped/.test(l))
        .join('\n')}`,
    );
  await host.stop();
  // Whatever was thrown at it, the store must still be sound.
  const db = await Database.open(join(dataDir, 'loadstar.db'));
  const integrity = await db.integrityCheck();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (integrity !== 'ok') {
    report(`integrity_check: ${integrity}`);
    result.crashes++;
  }
  process.stdout.write(JSON.stringify(result) + '\n');
  return result.crashes === 0 && result.internalErrors === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`fuzz:host failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(2);
  },
);
