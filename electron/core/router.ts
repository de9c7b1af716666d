import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  AppError,
  commands,
  COMMAND_NAMES,
  isCommandName,
  type CommandName,
  inputIssue,
  type CommandOutput,
  type ParsedInput,
  type ErrorBody,
  type ResponseMessage,
  type Role,
} from '@shared/contract';
import type { Database } from './db/database';
import type { Logger } from './log';
import { OncePerRequest } from './once-per-request';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who is calling: filled in by the transport that carried the request. */
export interface CallContext {
  actor: string;
  role: Role;
  /** The sync server's id of the signed-in user (while the workstation syncs). */
  userId?: string;
  /** The workstation is locked: only commands marked `whileLocked` run (`workstation/`). */
  locked?: boolean;
  /** Which workstation the call came from (the audit trail's "where"). */
  workstation?: string;
}

export type Handler<N extends CommandName> = (
  input: ParsedInput<N>,
  ctx: CallContext,
) => Promise<CommandOutput<N>>;

export type Handlers = { [N in CommandName]: Handler<N> };

/**
 * Validates every request against the contract before a handler sees it, and turns whatever
 * happens into a `ResponseMessage`: an exception never escapes as anything but `internal`.
 */
export class Router {
  private readonly handlers = new Map<CommandName, Handler<CommandName>>();

  /** Applies each mutation's request id once; without a db (unit tests) mutations just run. */
  private readonly once?: OncePerRequest;

  /** With `db`, mutations are idempotent by request id (`once-per-request.ts`). */
  constructor(
    private readonly log: Logger,
    db?: Database,
  ) {
    if (db) this.once = new OncePerRequest(db, log, (err, name) => this.toErrorBody(err, name));
  }

  /** Mutations whose handler answers what its write transaction returned (see DomainModule). */
  markAnsweredByWrite(names: readonly CommandName[]): void {
    this.once?.markAnsweredByWrite(names);
  }

  /** Mutations seen answering something other than what their write returned (a wrong mark). */
  get answerMismatches(): readonly string[] {
    return this.once?.mismatches ?? [];
  }

  register<N extends CommandName>(name: N, handler: Handler<N>): void {
    if (!isCommandName(name)) throw new Error(`"${String(name)}" is not a command in the contract`);
    if (this.handlers.has(name)) throw new Error(`a handler for "${name}" is already registered`);
    this.handlers.set(name, handler as unknown as Handler<CommandName>);
  }

  registerAll(handlers: Partial<Handlers>): void {
    for (const [name, handler] of Object.entries(handlers)) {
      this.register(name as CommandName, handler as Handler<CommandName>);
    }
  }

  /** Start-up check: a contract command without a handler is a build mistake, not a runtime 404. */
  assertComplete(): void {
    const missing = COMMAND_NAMES.filter((n) => !this.handlers.has(n));
    if (missing.length > 0) throw new Error(`no handler for: ${missing.join(', ')}`);
  }

  async dispatch(raw: unknown, ctx: CallContext): Promise<ResponseMessage> {
    const envelope = raw as { id?: unknown; name?: unknown; input?: unknown } | null;
    const id = typeof envelope?.id === 'number' && Number.isSafeInteger(envelope.id) ? envelope.id : 0;
    try {
      if (!envelope || typeof envelope !== 'object' || id === 0) {
        throw new AppError('invalid_input', 'A request needs a numeric id, a command name and an input.');
      }
      const name = envelope.name;
      if (!isCommandName(name)) {
        throw new AppError('invalid_input', `"${String(name).slice(0, 80)}" is not a Loadstar command.`, {
          command: String(name).slice(0, 80),
        });
      }
      const spec = commands[name];
      if (ctx.locked && !spec.whileLocked) {
        throw new AppError('forbidden', 'This workstation is locked: sign in with your badge or PIN first.', {
          reason: 'locked',
        });
      }
      if (!spec.roles.includes(ctx.role)) {
        throw new AppError('forbidden', `Your role (${ctx.role}) may not do this (${name}).`, {
          reason: 'role',
          role: ctx.role,
          command: name,
        });
      }
      const requestId = (envelope as { requestId?: unknown }).requestId;
      if (spec.mutates && (typeof requestId !== 'string' || !UUID.test(requestId))) {
        throw new AppError(
          'invalid_input',
          `A change (${name}) needs a request id: a UUID the client makes once per call and repeats on a retry.`,
          { reason: 'request_id_missing' },
        );
      }
      const parsed = (spec.input as z.ZodType).safeParse(envelope.input ?? {});
      if (!parsed.success) {
        throw new AppError('invalid_input', firstIssueMessage(parsed.error), {
          issues: parsed.error.issues.map(inputIssue),
        });
      }
      const handler = this.handlers.get(name);
      if (!handler) throw new Error(`no handler for ${name}`);
      const run = () => handler(parsed.data as ParsedInput<CommandName>, ctx);
      if (spec.mutates && this.once) {
        const who = { actor: ctx.actor, role: ctx.role, workstation: ctx.workstation };
        return { id, ...(await this.once.run(requestId as string, name, parsed.data, run, who)) };
      }
      const value = await run();
      return { id, ok: true, value: value ?? null };
    } catch (err) {
      return { id, ok: false, error: this.toErrorBody(err, envelope?.name) };
    }
  }

  private toErrorBody(err: unknown, name: unknown): ErrorBody {
    if (err instanceof AppError) return err.toBody();
    const code = (err as { code?: unknown } | null)?.code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_FULL' || code === 'SQLITE_IOERR') {
      this.log.warn('storage unavailable', { command: String(name), code });
      return new AppError(
        'unavailable',
        'The local database is busy or the disk is full. Try again in a moment.',
      ).toBody();
    }
    const ref = randomUUID().slice(0, 8);
    this.log.error('handler failed', {
      ref,
      command: String(name),
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    return new AppError(
      'internal',
      `Something went wrong inside Loadstar (reference ${ref}). Your saved data is safe.`,
      {
        ref,
      },
    ).toBody();
  }
}

function firstIssueMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The input is not valid.';
  const field = issue.path.map(String).join('.');
  return field ? `${field}: ${issue.message}` : issue.message;
}
