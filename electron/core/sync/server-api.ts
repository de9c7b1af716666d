/**
 * The sync server's HTTP API as the workstation calls it. A failure is either `Unreachable` (no
 * answer: offline, reset, timeout — try again later) or a `ServerRefusal` with the server's error
 * code and message.
 */
import type {
  LoginRequest,
  LoginResponse,
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
  RegisterDeviceResponse,
  SyncErrorBody,
} from '@shared/contract';

export class Unreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unreachable';
  }
}

export class ServerRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ServerRefusal';
  }

  get reason(): string | undefined {
    return this.details?.reason as string | undefined;
  }
}

const TIMEOUT_MS = 20_000;

export class ServerApi {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = TIMEOUT_MS,
  ) {}

  private async post<T>(path: string, body: unknown, token?: string | null): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new Unreachable(`The sync server at ${this.baseUrl} did not answer (${describe(err)}).`);
    }
    let payload: unknown;
    try {
      payload = await res.json();
    } catch (err) {
      throw new Unreachable(`The sync server's answer was cut off (${describe(err)}).`);
    }
    if (!res.ok) {
      const e = (payload as SyncErrorBody | null)?.error;
      if (!e) throw new Unreachable(`The sync server answered ${res.status} without an explanation.`);
      throw new ServerRefusal(res.status, e.code, e.message, e.details);
    }
    return payload as T;
  }

  login(input: LoginRequest, deviceToken?: string | null) {
    return this.post<LoginResponse>('/v1/login', input, deviceToken);
  }

  logout(sessionToken: string) {
    return this.post<object>('/v1/logout', {}, sessionToken);
  }

  register(sessionToken: string, clientId: string, name: string) {
    return this.post<RegisterDeviceResponse>('/v1/devices', { clientId, name }, sessionToken);
  }

  push(deviceToken: string, req: PushRequest) {
    return this.post<PushResponse>('/v1/push', req, deviceToken);
  }

  pull(deviceToken: string, req: PullRequest) {
    return this.post<PullResponse>('/v1/pull', req, deviceToken);
  }

  pokeUrl(): string {
    return `${this.baseUrl.replace(/^http/, 'ws')}/v1/poke`;
  }
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'timed out';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * A server address the workstation may use: https anywhere, plain http only on this machine
 * unless the administrator allowed it on purpose. Null when fine, else the reason.
 */
export function serverUrlProblem(value: string, allowInsecure: boolean): { reason: string; message: string } | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { reason: 'not_a_url', message: `${value} is not a web address. Use the form https://sync.example.com` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { reason: 'url_scheme', message: 'Only https:// (or http:// on this machine) addresses are allowed.' };
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname) && !allowInsecure)
    return {
      reason: 'insecure',
      message: `Plain http to ${url.hostname} would send passwords and data unencrypted. Use https://, or allow insecure http on purpose.`,
    };
  if (url.username || url.password || url.search || url.hash)
    return { reason: 'not_a_url', message: 'Give only the server address, without a user name, query or #.' };
  return null;
}
