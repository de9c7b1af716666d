/**
 * Throws commands (generated from the contract and mutated), garbage frames, hostile sockets and
 * raw HTTP at a running host until the time is up, and counts what matters: inputs sent, host or
 * core deaths and hangs (`crashes`), and answers with code `internal` (`internalErrors`, each
 * reported on stderr with what caused it, to be fixed in its handler).
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { MAX_FRAME_BYTES, type ServerMessage } from '@shared/contract';
import { garbageFrame, hostileHttp } from './garbage';
import { contractCommands, InputGenerator, type FuzzCommand } from './inputs';
import type { Rng } from './rng';

export interface FuzzTarget {
  /** The host's current port (it may be restarted on another run of the same port). */
  port(): number;
  /** Whether the host process is alive; a death is counted by the caller's restart. */
  alive(): boolean;
}

export interface FuzzResult {
  inputs: number;
  crashes: number;
  internalErrors: number;
}

/** A hang: no answer to a liveness probe for this long counts as a crash. */
const PROBE_TIMEOUT_MS = 20_000;
const ANSWER_TIMEOUT_MS = 60_000;

async function session(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/session`);
  return ((await res.json()) as { token: string }).token;
}

function open(port: number, token: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws?token=${encodeURIComponent(token)}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`http ${res.statusCode}`)));
  });
}

export async function runFuzz(
  target: FuzzTarget,
  rng: Rng,
  options: { durationMs: number; crashes: () => number; report: (line: string) => void },
): Promise<FuzzResult> {
  const deadline = Date.now() + options.durationMs;
  const gen = new InputGenerator(rng);
  const cmds = contractCommands();
  let inputs = 0;
  let internalErrors = 0;
  let hangs = 0;
  const sent = new Map<number, { name: string; input: unknown }>();
  const recentRequestIds: string[] = [];

  const onAnswer = (m: ServerMessage) => {
    if ('event' in m) return;
    const origin = sent.get(m.id);
    sent.delete(m.id);
    if (m.ok) {
      gen.learn(m.value);
      return;
    }
    if (m.error.code === 'internal') {
      internalErrors++;
      options.report(
        `internal error: ${origin ? `${origin.name} ${JSON.stringify(origin.input).slice(0, 400)}` : `(frame id ${m.id})`} -> ${m.error.message}`,
      );
    }
  };

  /** Sends commands on one authenticated socket, one at a time, reconnecting when it closes. */
  const commandWorker = async () => {
    let nextId = 1;
    while (Date.now() < deadline) {
      let ws: WebSocket;
      try {
        ws = await open(target.port(), await session(target.port()));
      } catch {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      const waiters = new Map<number, () => void>();
      ws.on('message', (data) => {
        let m: ServerMessage;
        try {
          m = JSON.parse(String(data)) as ServerMessage;
        } catch {
          return;
        }
        onAnswer(m);
        if (!('event' in m)) waiters.get(m.id)?.();
      });
      ws.on('error', () => undefined);
      const closed = new Promise<void>((r) => ws.once('close', () => r()));
      while (Date.now() < deadline && ws.readyState === WebSocket.OPEN) {
        const id = nextId++;
        const roll = rng.next();
        inputs++;
        if (roll < 0.1) {
          ws.send(garbageFrame(rng));
          continue;
        }
        const cmd: FuzzCommand = rng.pick(cmds);
        const input = roll < 0.65 ? gen.valid(cmd) : gen.mutated(cmd);
        let requestId: unknown = cmd.mutates ? randomUUID() : undefined;
        if (cmd.mutates && recentRequestIds.length && rng.chance(0.1)) requestId = rng.pick(recentRequestIds);
        else if (rng.chance(0.03)) requestId = gen.junk();
        if (typeof requestId === 'string')
          recentRequestIds.splice(0, recentRequestIds.length - 50, requestId);
        sent.set(id, { name: cmd.name, input });
        const answered = new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), ANSWER_TIMEOUT_MS);
          waiters.set(id, () => {
            clearTimeout(timer);
            resolve(true);
          });
          void closed.then(() => {
            clearTimeout(timer);
            resolve(true);
          });
        });
        ws.send(
          JSON.stringify({ id, name: cmd.name, input, ...(requestId !== undefined ? { requestId } : {}) }),
        );
        if (!(await answered)) {
          hangs++;
          options.report(
            `no answer in ${ANSWER_TIMEOUT_MS / 1000} s to ${cmd.name} ${JSON.stringify(input).slice(0, 300)}`,
          );
        }
        waiters.delete(id);
      }
      ws.terminate();
      await closed;
    }
  };

  /** Sockets that break the rules: no or stale token, foreign origin, oversized frames, drops. */
  const hostileSocketWorker = async () => {
    while (Date.now() < deadline) {
      inputs++;
      const port = target.port();
      const kind = rng.int(0, 4);
      try {
        const token = kind === 0 ? 'stale-token' : await session(port);
        const headers: Record<string, string> = kind === 1 ? { origin: 'http://evil.example' } : {};
        const ws = await open(port, token, headers).catch(() => null);
        if (ws) {
          ws.on('error', () => undefined);
          const done = new Promise<void>((r) => ws.once('close', () => r()));
          if (kind === 2) ws.send(Buffer.alloc(MAX_FRAME_BYTES + rng.int(1, 1_000_000), 0x61));
          else if (kind === 3) for (let i = 0; i < 50; i++) ws.send(garbageFrame(rng));
          else ws.terminate();
          setTimeout(() => ws.terminate(), 2000);
          await done;
        }
      } catch {
        // Refused or reset: that is the host doing its job.
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  /** Raw HTTP: bad paths, methods, headers and bytes; each answered or closed. */
  const httpWorker = async () => {
    while (Date.now() < deadline) {
      inputs++;
      await new Promise<void>((resolve) => {
        const socket = connect(target.port(), '127.0.0.1');
        const timer = setTimeout(() => socket.destroy(), 10_000);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.on('data', () => undefined);
        socket.on('connect', () => {
          socket.write(hostileHttp(rng, target.port()));
          socket.end();
        });
      });
    }
  };

  /** Core and host must keep answering: a fresh client asks app.info every two seconds. */
  const probeWorker = async () => {
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2000));
      if (!target.alive()) continue;
      const ok = await (async () => {
        const ws = await open(target.port(), await session(target.port()));
        ws.on('error', () => undefined);
        try {
          return await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
            ws.on('message', (d) => {
              const m = JSON.parse(String(d)) as ServerMessage;
              if (!('event' in m) && m.id === 1) {
                clearTimeout(timer);
                resolve(m.ok);
              }
            });
            ws.send(JSON.stringify({ id: 1, name: 'app.info', input: {} }));
          });
        } finally {
          ws.terminate();
        }
      })().catch(() => false);
      if (!ok && target.alive()) {
        hangs++;
        options.report('the host did not answer app.info');
      }
    }
  };

  await Promise.all([commandWorker(), commandWorker(), hostileSocketWorker(), httpWorker(), probeWorker()]);
  return { inputs, crashes: options.crashes() + hangs, internalErrors };
}
