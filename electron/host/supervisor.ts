/**
 * Runs core in a child process and keeps it running: if it exits, crashes or stops answering,
 * every request it had not answered is answered "outcome unknown" (the client retries it with the
 * same request id, which core applies at most once), listeners hear that core was lost, and a new
 * core is started after the restart policy's pause. Requests that arrive while core starts wait
 * for it, up to a limit.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventMessage, ResponseMessage } from '@shared/contract';
import type { Logger } from '../core/log';
import { requestIdOf, undelivered } from '../core/process/frames';
import type { FromCore, ToCore } from '../core/process/ipc';
import { restartPolicy, type RestartPolicy } from '../core/process/restart-policy';
import type { CoreLink } from './core-link';

export interface SupervisorOptions {
  /** Arguments for core (`--data-dir`, `--no-demo`, …). */
  args: string[];
  logger: Logger;
  /** What the operator reads: start notices, and what happened when core died. */
  say(line: string): void;
  policy?: RestartPolicy;
  /** Core must answer a ping within this long or it is killed as hung. */
  hangMs?: number;
  pingEveryMs?: number;
  /** How long a request waits for a core that is starting. */
  startWaitMs?: number;
}

export interface SupervisedCore extends CoreLink {
  /** Resolves with the first core's start notices; rejects if it could not start at all. */
  ready: Promise<string[]>;
  /** The running core's process id (null while it is restarting). */
  pid(): number | null;
  restarts(): number;
  stop(): Promise<void>;
}

/** The core entry beside this file when bundled (out/main/core-child.js), else the TypeScript source. */
function coreEntry(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts'))
    return { file: join(dirname(here), '../core/child-entry.ts'), execArgv: ['--import', 'tsx'] };
  return { file: join(dirname(here), 'core-child.js'), execArgv: [] };
}

interface Waiting {
  id: number;
  resolve(response: ResponseMessage): void;
}

export function superviseCore(options: SupervisorOptions): SupervisedCore {
  const policy = options.policy ?? restartPolicy();
  const hangMs = options.hangMs ?? 30_000;
  const pingEveryMs = options.pingEveryMs ?? 5_000;
  const startWaitMs = options.startWaitMs ?? 30_000;
  const entry = coreEntry();
  const eventListeners = new Set<(m: EventMessage) => void>();
  const lostListeners = new Set<() => void>();
  const inFlight = new Map<number, Waiting>();
  /** Requests that arrived while no core was ready, with when they give up. */
  const queued: { request: unknown; waiting: Waiting; timer: NodeJS.Timeout }[] = [];
  let seq = 0;
  let child: ChildProcess | null = null;
  let ready = false;
  let everReady = false;
  let startedAt = 0;
  /** Answers the running core gave: one that served is not crash-looping. */
  let answered = 0;
  let restarts = 0;
  let stopping = false;
  let lastPong = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let resolveFirst!: (notices: string[]) => void;
  let rejectFirst!: (err: Error) => void;
  const first = new Promise<string[]>((resolve, reject) => {
    resolveFirst = resolve;
    rejectFirst = reject;
  });
  let failedWith = '';

  const post = (m: ToCore) => {
    if (child?.connected)
      child.send(m, (err) => err && options.logger.warn('core ipc send failed', { error: String(err) }));
  };

  const dispatch = (request: unknown, waiting: Waiting) => {
    const n = ++seq;
    inFlight.set(n, waiting);
    post({ type: 'request', seq: n, request });
  };

  function start(): void {
    ready = false;
    startedAt = Date.now();
    answered = 0;
    const proc = fork(entry.file, options.args, {
      execArgv: entry.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
    });
    child = proc;
    proc.on('error', (err) => options.logger.error('core process error', { error: String(err) }));
    proc.on('message', (m: FromCore) => {
      if (proc !== child) return;
      switch (m?.type) {
        case 'ready':
          ready = true;
          lastPong = Date.now();
          if (!everReady) {
            everReady = true;
            resolveFirst(m.notices);
          } else {
            options.say(`Loadstar core restarted (pid ${m.pid}); screens reconnect by themselves.`);
          }
          for (const q of queued.splice(0)) {
            clearTimeout(q.timer);
            dispatch(q.request, q.waiting);
          }
          break;
        case 'failed':
          failedWith = m.message;
          break;
        case 'response': {
          answered++;
          const w = inFlight.get(m.seq);
          inFlight.delete(m.seq);
          w?.resolve(m.response);
          break;
        }
        case 'event':
          for (const l of eventListeners) l(m.message);
          break;
        case 'pong':
          lastPong = Date.now();
          break;
      }
    });
    proc.on('exit', (code, signal) => {
      if (proc !== child) return;
      child = null;
      ready = false;
      // Everything core had taken may or may not have been applied: say so, never guess.
      for (const [n, w] of inFlight) {
        inFlight.delete(n);
        w.resolve(undelivered(w.id, { outcome: 'unknown', reason: 'core_restarted' }));
      }
      if (stopping) return;
      if (!everReady) {
        rejectFirst(new Error(failedWith || `core exited (${signal ?? `code ${code}`}) before it was ready`));
        stopping = true;
        return;
      }
      const why = signal ? `signal ${signal}` : `exit code ${code}`;
      const delay = policy.delayAfter({ ranMs: Date.now() - startedAt, answered });
      restarts++;
      options.logger.error('core stopped unexpectedly', { code, signal, restartInMs: delay });
      options.say(
        `Loadstar core stopped unexpectedly (${why}); restarting it${delay >= 1000 ? ` in ${Math.round(delay / 1000)} s` : ''}. ` +
          `Requests it had not answered are reported to their screens as "outcome unknown" and checked again.`,
      );
      for (const l of lostListeners) l();
      restartTimer = setTimeout(start, delay);
    });
  }

  // A core whose event loop is stuck answers nothing: treat it as dead.
  const watchdog = setInterval(() => {
    if (!child || !ready) return;
    if (Date.now() - lastPong > hangMs) {
      options.logger.error('core stopped answering; killing it', { hangMs });
      options.say(`Loadstar core stopped answering for ${Math.round(hangMs / 1000)} s; restarting it.`);
      child.kill('SIGKILL');
      return;
    }
    post({ type: 'ping', seq: ++seq });
  }, pingEveryMs);
  watchdog.unref();

  start();

  return {
    ready: first,
    logger: options.logger,
    pid: () => (ready ? (child?.pid ?? null) : null),
    restarts: () => restarts,
    call(request) {
      return new Promise<ResponseMessage>((resolve) => {
        const waiting: Waiting = { id: requestIdOf(request), resolve };
        if (stopping)
          return resolve(undelivered(waiting.id, { outcome: 'not_applied', reason: 'core_starting' }));
        if (ready) return dispatch(request, waiting);
        const timer = setTimeout(() => {
          const i = queued.findIndex((q) => q.waiting === waiting);
          if (i >= 0) queued.splice(i, 1);
          resolve(undelivered(waiting.id, { outcome: 'not_applied', reason: 'core_starting' }));
        }, startWaitMs);
        queued.push({ request, waiting, timer });
      });
    },
    subscribe(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onCoreLost(listener) {
      lostListeners.add(listener);
      return () => lostListeners.delete(listener);
    },
    async stop() {
      stopping = true;
      clearInterval(watchdog);
      clearTimeout(restartTimer);
      for (const q of queued.splice(0)) {
        clearTimeout(q.timer);
        q.waiting.resolve(undelivered(q.waiting.id, { outcome: 'not_applied', reason: 'core_starting' }));
      }
      const proc = child;
      if (!proc) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      post({ type: 'stop' });
      await exited;
    },
  };
}
