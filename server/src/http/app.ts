/**
 * The sync server's HTTP API (Fastify): sign-in, workstation registration, push, pull and the
 * poke socket. Bodies are checked with the shared zod contract before anything runs; every
 * failure answers with an `ErrorCode` and a message a person can act on.
 */
import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  AppError,
  inputIssue,
  loginRequest,
  pullRequest,
  pushRequest,
  registerDeviceRequest,
  type ErrorCode,
  type SyncErrorBody,
} from '@shared/contract';
import {
  authenticateDevice,
  authenticateSession,
  login,
  logout,
  registerDevice,
} from '../auth/accounts';
import { inTenant, type Db } from '../db/pool';
import type { Pokes } from '../sync/pokes';
import { pull } from '../sync/pull';
import { push } from '../sync/push';

export interface AppOptions {
  db: Db;
  pokes: Pokes;
  now?: () => number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Sign-in attempts per address and account per minute. */
  loginPerMinute?: number;
  /** Largest request body in bytes (a push of a full batch included). */
  bodyLimit?: number;
}

export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  device_offline: 503,
  device_error: 502,
  unavailable: 503,
  internal: 500,
};

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body ?? {});
  if (!r.success) {
    const i = r.error.issues[0];
    throw new AppError('invalid_input', i ? `${i.path.join('.') || 'body'}: ${i.message}` : 'The request is not valid.', {
      issues: r.error.issues.slice(0, 20).map(inputIssue),
    });
  }
  return r.data;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db, pokes } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const app = Fastify({ bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, logger: false, trustProxy: false });

  app.setErrorHandler((err, _req, reply) => {
    const e = err as { code?: string; statusCode?: number; message?: string };
    let status: number;
    let body: SyncErrorBody;
    if (err instanceof AppError) {
      const unauthenticated = (err.details as { reason?: string } | undefined)?.reason === 'unauthenticated';
      status = unauthenticated ? 401 : STATUS[err.code];
      body = { error: err.toBody() as SyncErrorBody['error'] };
    } else if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413;
      body = { error: { code: 'invalid_input', message: 'The request is too large. Send fewer changes at once.', details: { reason: 'too_large' } } };
    } else if (e.statusCode === 429) {
      status = 429;
      body = { error: { code: 'unavailable', message: 'Too many sign-in attempts. Wait a minute and try again.', details: { reason: 'rate_limited' } } };
    } else if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      status = e.statusCode;
      body = { error: { code: 'invalid_input', message: `The request is not valid: ${e.message ?? ''}`.trim() } };
    } else {
      const ref = randomUUID().slice(0, 8);
      log('request failed', { ref, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      status = 500;
      body = { error: { code: 'internal', message: `The sync server failed (reference ${ref}). Your changes are kept and will be sent again.`, details: { ref } } };
    }
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((_req, reply) => {
    void reply.status(404).send({ error: { code: 'not_found', message: 'There is no such sync API address.' } });
  });

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: ctx.statusCode }),
  });
  await app.register(websocket, { options: { maxPayload: 4096 } });

  app.get('/v1/health', async () => ({ ok: true }));

  app.post(
    '/v1/login',
    {
      config: {
        rateLimit: {
          max: options.loginPerMinute ?? 10,
          timeWindow: 60_000,
          // After parsing, so the limit is per address and account: guessing one account's
          // password is slowed, a busy site's other users are not locked out.
          hook: 'preHandler',
          keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: unknown } | null)?.email ?? '').toLowerCase()}`,
        },
      },
    },
    async (req) => login(db, parse(loginRequest, req.body), bearer(req), now()),
  );

  app.post('/v1/logout', async (req) => {
    await logout(db, await authenticateSession(db, bearer(req), now()));
    return {};
  });

  app.post('/v1/devices', async (req) => {
    const session = await authenticateSession(db, bearer(req), now());
    return registerDevice(db, session, parse(registerDeviceRequest, req.body));
  });

  app.post('/v1/push', async (req) => {
    const device = await authenticateDevice(db, bearer(req));
    return push(
      {
        db,
        now,
        onChanged: (tenantId, version) => pokes.notify(tenantId, version),
        onError: (err, m) => {
          const ref = randomUUID().slice(0, 8);
          log('mutator failed', { ref, name: m.name, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
          return ref;
        },
      },
      device,
      parse(pushRequest, req.body),
    );
  });

  app.post('/v1/pull', async (req) => pull(db, await authenticateDevice(db, bearer(req)), parse(pullRequest, req.body)));

  app.get('/v1/poke', { websocket: true }, (socket, req) => {
    void (async () => {
      try {
        const device = await authenticateDevice(db, bearer(req));
        const version = await inTenant(db, device.tenantId, async (tx) =>
          (await tx.query<{ v: number }>('SELECT version AS v FROM tenants WHERE id = current_tenant()')).rows[0]!.v,
        );
        pokes.add(device.tenantId, socket, version);
      } catch {
        socket.close(4401, 'unauthenticated');
      }
    })();
  });

  return app;
}
