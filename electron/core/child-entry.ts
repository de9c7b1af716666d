/**
 * Core's entry when the headless host runs it as a child process (`child_process.fork`), the
 * host's counterpart of `utility-entry.ts`. The host restarts it if it dies; if the host dies,
 * the IPC channel closes and this process stops too, so no core is left holding the store.
 */
import { coreConfigFrom } from './config';
import { startCore, type Core } from './core';
import type { FromCore, ToCore } from './process/ipc';
import { answerMessage } from './process/serve';

const send = (m: FromCore) => {
  if (process.connected) process.send!(m);
};
if (!process.send) throw new Error('child-entry runs only as a child process with an IPC channel');

let core: Core;
try {
  core = await startCore(coreConfigFrom(process.argv.slice(2)));
} catch (err) {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // Every write is committed already: a close that hangs on a device must not leave this
  // process behind, holding the store, after the host has gone.
  setTimeout(() => process.exit(1), 10_000).unref();
  void core
    .close()
    .catch(() => undefined)
    .finally(() => process.exit(0));
};

core.events.subscribe((message) => send({ type: 'event', message }));
process.on('message', (m: ToCore) => {
  if (m?.type === 'request')
    void answerMessage(core, m.request).then((response) => send({ type: 'response', seq: m.seq, response }));
  else if (m?.type === 'ping') send({ type: 'pong', seq: m.seq });
  else if (m?.type === 'stop') stop();
});
process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.on('SIGINT', () => undefined); // the host decides; a terminal's Ctrl-C reaches both
send({ type: 'ready', pid: process.pid, notices: [...core.notices] });
