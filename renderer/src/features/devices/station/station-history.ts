import type { JobState, PrintJob, StationScanResult } from '@shared/contract';

/** One scan at the station and what became of it. */
export interface StationEntry {
  /** Local id: the scan id once core answered, a placeholder before. */
  key: string;
  code: string;
  at: number;
  status: 'pending' | 'done' | 'error';
  result: StationScanResult | null;
  /** The request itself failed (connection lost, refused input). */
  error: string | null;
  /** The printed job's latest state, from `devices.job` events. */
  job: { state: JobState; reason: string | null } | null;
}

export interface StationState {
  entries: StationEntry[];
  /** Job states seen in events, kept briefly: an event may beat the answer it belongs to. */
  jobs: Record<string, { state: JobState; reason: string | null }>;
}

export const STATION_KEEP = 8;
const JOBS_KEEP = 64;

export type StationAction =
  | { type: 'scanned'; key: string; code: string; at: number }
  | { type: 'answered'; key: string; result: StationScanResult }
  | { type: 'failed'; key: string; error: string }
  | { type: 'job'; job: Pick<PrintJob, 'id' | 'state' | 'reason'> };

export const initialStation: StationState = { entries: [], jobs: {} };

export function stationReducer(state: StationState, action: StationAction): StationState {
  switch (action.type) {
    case 'scanned': {
      const entry: StationEntry = {
        key: action.key,
        code: action.code,
        at: action.at,
        status: 'pending',
        result: null,
        error: null,
        job: null,
      };
      return { ...state, entries: [entry, ...state.entries].slice(0, STATION_KEEP) };
    }
    case 'answered': {
      const jobId = action.result.printed?.jobId;
      return {
        ...state,
        entries: state.entries.map((e) =>
          e.key === action.key
            ? {
                ...e,
                status: 'done',
                result: action.result,
                job: jobId ? (state.jobs[jobId] ?? { state: 'queued', reason: null }) : null,
              }
            : e,
        ),
      };
    }
    case 'failed':
      return {
        ...state,
        entries: state.entries.map((e) =>
          e.key === action.key ? { ...e, status: 'error', error: action.error } : e,
        ),
      };
    case 'job': {
      const { id, state: jobState, reason } = action.job;
      const ids = Object.keys(state.jobs)
        .filter((k) => k !== id)
        .slice(-(JOBS_KEEP - 1));
      const jobs: StationState['jobs'] = {};
      for (const k of ids) jobs[k] = state.jobs[k]!;
      jobs[id] = { state: jobState, reason };
      return {
        jobs,
        entries: state.entries.map((e) =>
          e.result?.printed?.jobId === id ? { ...e, job: { state: jobState, reason } } : e,
        ),
      };
    }
  }
}

/** How the big result panel should look for an entry. */
export type StationTone = 'idle' | 'working' | 'ok' | 'warn' | 'bad';

export function entryTone(e: StationEntry | undefined): StationTone {
  if (!e) return 'idle';
  if (e.status === 'pending') return 'working';
  if (e.status === 'error' || !e.result?.ok) return 'bad';
  switch (e.job?.state) {
    case 'printed':
      return 'ok';
    case 'failed':
      return 'bad';
    case 'uncertain':
    case 'cancelled':
      return 'warn';
    default:
      return 'working';
  }
}
