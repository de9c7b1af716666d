import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { JobState, PrintJob, Printer } from '@shared/contract';
import { useApi, useCommandQuery } from '../../../lib/api/hooks';
import { clock } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { jobReasonText } from '../core-reasons';
import { Pill, useRun } from '../device-ui';
import type { Tone } from './printer-condition';
import { BatchBar } from './BatchBar';
import { PreviewDialog } from './PreviewDialog';

export const JOB_TONE: Record<JobState, Tone> = {
  queued: 'muted',
  sending: 'busy',
  printed: 'ok',
  failed: 'danger',
  cancelled: 'muted',
  uncertain: 'warn',
};

const PENDING: JobState[] = ['queued', 'sending'];
const FINISHED: JobState[] = ['printed', 'failed', 'cancelled', 'uncertain'];
const PAGE = 50;
const RECENT = 200;
/** Estimated history row height; rows with a reason are measured. */
const ROW = 46;

/** A printer's queue (what waits, with batch progress) and its history (how each job ended). */
export function JobsPanel({ printer, timeZone }: { printer: Printer; timeZone: string }) {
  const { t } = useI18n();
  const api = useApi();
  const run = useRun();
  const [preview, setPreview] = useState<PrintJob | null>(null);
  const queue = useCommandQuery('devices.listJobs', { printerId: printer.id, states: PENDING, limit: 200 });
  // The whole history, newest first: older pages load as the list scrolls (any number of jobs,
  // only the rows in view are drawn).
  const history = useInfiniteQuery({
    queryKey: ['devices.listJobs', { printerId: printer.id, states: FINISHED, paged: true }],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api.call('devices.listJobs', {
        printerId: printer.id,
        states: FINISHED,
        limit: PAGE,
        ...(pageParam ? { beforeSeq: pageParam } : {}),
      }),
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
  });
  const jobs = history.data?.pages.flatMap((p) => p.jobs) ?? [];
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: jobs.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  const items = rows.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (lastShown >= jobs.length - 10 && history.hasNextPage && !history.isFetchingNextPage) void history.fetchNextPage();
  }, [lastShown, jobs.length, history]);
  const padTop = items[0]?.start ?? 0;
  const padBottom = rows.getTotalSize() - (items.at(-1)?.end ?? 0);
  // A long batch pushes an uncertain job off the first history page: keep it in sight until reprinted.
  const recent = useCommandQuery('devices.listJobs', { printerId: printer.id, limit: RECENT });
  const attention = needsAttention(recent.data?.jobs ?? []);
  const pending = queue.data?.jobs ?? [];
  const batchIds = [...new Set(pending.map((j) => j.batchId).filter((b): b is string => b !== null))];

  const reprint = (job: PrintJob) =>
    run(() => api.call('devices.reprint', { jobId: job.id }), {
      error: t('jobs.reprintRefused'),
      success: (j) => t('jobs.reprinted', { title: j.title }),
    });
  const cancel = (job: PrintJob) =>
    run(() => api.call('devices.cancelJob', { jobId: job.id }), { error: t('jobs.cancelRefused') });

  return (
    <div className="jobs">
      {batchIds.map((batchId) => (
        <BatchBar key={batchId} batchId={batchId} />
      ))}
      {attention.length > 0 && (
        <div className="attention" role="alert" data-testid="jobs-attention">
          <h3>{t('jobs.attention')}</h3>
          <ul className="plain-list">
            {attention.map((job) => (
              <li key={job.id} data-job-state={job.state}>
                <Pill tone={JOB_TONE[job.state]}>{t(`job.${job.state}`)}</Pill>
                <span className="ellipsis">
                  #{job.seq} {job.title}
                </span>
                <span className="small muted attention-why">{jobReasonText(job, t)}</span>
                <button type="button" className="primary" onClick={() => void reprint(job)}>
                  {t('jobs.reprint')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3>
        {t('jobs.queue')} <span className="count">{printer.pending}</span>
      </h3>
      {pending.length === 0 ? (
        <p className="muted small">{t('jobs.queueEmpty')}</p>
      ) : (
        <table className="table compact" data-testid="job-queue">
          <tbody>
            {pending.slice(0, 10).map((job) => (
              <tr key={job.id} data-job-state={job.state}>
                <td className="num muted">#{job.seq}</td>
                <td className="ellipsis">{job.title}</td>
                <td>
                  <Pill tone={JOB_TONE[job.state]}>{t(`job.${job.state}`)}</Pill>
                  {job.reason && <div className="small muted">{jobReasonText(job, t)}</div>}
                </td>
                <td>
                  <div className="row-actions">
                    {job.state === 'queued' && (
                      <button type="button" onClick={() => void cancel(job)}>
                        {t('common.cancel')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
            {printer.pending > 10 && (
              <tr>
                <td colSpan={4} className="muted small">
                  {t('jobs.moreQueued', { count: printer.pending - 10 })}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}

      <h3>{t('jobs.history')}</h3>
      {history.data && jobs.length === 0 ? (
        <p className="muted small">{t('jobs.historyEmpty')}</p>
      ) : (
        <div className="job-history-scroll" ref={scroller}>
          <table className="table compact" data-testid="job-history">
            <thead>
              <tr>
                <th>{t('jobs.time')}</th>
                <th>{t('jobs.label')}</th>
                <th>{t('jobs.result')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {padTop > 0 && (
                <tr aria-hidden style={{ height: padTop }}>
                  <td colSpan={4} />
                </tr>
              )}
              {items.map((item) => {
                const job = jobs[item.index]!;
                return (
                  <tr
                    key={job.id}
                    ref={rows.measureElement}
                    data-index={item.index}
                    data-job-state={job.state}
                    className={job.state === 'uncertain' ? 'row-warn' : undefined}
                  >
                    <td className="muted nowrap">{clock(job.finishedAt ?? job.updatedAt, timeZone)}</td>
                    <td className="ellipsis">
                      {job.title}
                      {job.reprintOf && <span className="muted small"> · {t('jobs.isReprint')}</span>}
                    </td>
                    <td>
                      <Pill tone={JOB_TONE[job.state]}>{t(`job.${job.state}`)}</Pill>
                      {job.state === 'uncertain' && <div className="small">{t('jobs.uncertainHint')}</div>}
                      {job.reason && job.state !== 'printed' && (
                        <div className="small muted">{jobReasonText(job, t)}</div>
                      )}
                    </td>
                    <td>
                      <div className="row-actions">
                        <button type="button" onClick={() => setPreview(job)}>
                          {t('jobs.preview')}
                        </button>
                        <button
                          type="button"
                          className={job.state === 'uncertain' || job.state === 'failed' ? 'primary' : undefined}
                          onClick={() => void reprint(job)}
                        >
                          {t('jobs.reprint')}
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
              {padBottom > 0 && (
                <tr aria-hidden style={{ height: padBottom }}>
                  <td colSpan={4} />
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      {history.hasNextPage && (
        <button type="button" className="link" disabled={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
          {t('jobs.showOlder')}
        </button>
      )}
      {preview && (
        <PreviewDialog
          source={{ jobId: preview.id }}
          title={preview.title}
          onClose={() => setPreview(null)}
        />
      )}
    </div>
  );
}

/** Uncertain or failed jobs among the recent ones that nobody has reprinted yet, oldest first. */
export function needsAttention(recent: readonly PrintJob[]): PrintJob[] {
  const reprinted = new Set(recent.map((j) => j.reprintOf).filter((id): id is string => id !== null));
  return recent
    .filter((j) => (j.state === 'uncertain' || j.state === 'failed') && !reprinted.has(j.id))
    .reverse();
}
