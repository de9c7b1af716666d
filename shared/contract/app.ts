import { z } from 'zod';
import { command } from './define';

export interface AppInfo {
  version: string;
  siteName: string;
  timeZone: string;
  demo: boolean;
  actor: string;
  role: string;
}

export interface Mutation {
  id: string;
  seq: number;
  name: string;
  args: unknown;
  actor: string;
  at: number;
  pushedAt: number | null;
}

export const appCommands = {
  'app.info': command<AppInfo>()(z.object({})),
  'audit.list': command<Mutation[]>()(
    z.object({
      limit: z.number().int().min(1).max(500).default(100),
      beforeSeq: z.number().int().positive().optional(),
      name: z.string().max(64).optional(),
    }),
  ),
};

export const appEvents = {};
