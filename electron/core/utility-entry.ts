/**
 * Core's entry when Electron forks it with `utilityProcess`. The main process hands over one
 * MessagePort per window; each carries the same protocol the host speaks over WebSocket.
 */
import { coreConfigFrom } from './config';
import { startCore } from './core';
import { answerMessage } from './process/serve';

/** The parts of Electron's `process.parentPort` used here; core does not import electron. */
interface PortLike {
  on(event: 'message', listener: (e: { data: unknown; ports?: PortLike[] }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
}

const parentPort = (process as unknown as { parentPort?: PortLike }).parentPort;
if (!parentPort) throw new Error('utility-entry runs only inside an Electron utilityProcess');

const core = await startCore(coreConfigFrom(process.argv.slice(2)));
// Electron's main inherits this process's stdout: the start output says what the app lacks.
for (const text of core.notices) console.log(`Note: ${text}`);

let served = false;
parentPort.on('message', ({ data, ports }) => {
  const port = ports?.[0];
  if ((data as { type?: string } | null)?.type !== 'connect' || !port) return;
  const unsubscribe = core.events.subscribe((m) => port.postMessage(m));
  port.on('message', ({ data: request }) => {
    void answerMessage(core, request).then((response) => {
      port.postMessage(response);
      // Main's restart policy tells a core that served from one that dies unused.
      if (!served) parentPort.postMessage({ type: 'served' });
      served = true;
    });
  });
  port.on('close', unsubscribe);
  port.start();
});
parentPort.postMessage({ type: 'ready' });

const shutdown = () => void core.close().finally(() => process.exit(0));
process.on('SIGTERM', shutdown);
