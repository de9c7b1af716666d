import { useApi, useCommandQuery } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import { useRun } from '../device-ui';

/** A batch in progress: how many of how many are done, what failed, and a cancel for the rest. */
export function BatchBar({ batchId }: { batchId: string }) {
  const { t } = useI18n();
  const api = useApi();
  const run = useRun();
  const batch = useCommandQuery('devices.getBatch', { batchId });
  const b = batch.data;
  if (!b || b.done) return null;
  const finished = b.counts.printed + b.counts.failed + b.counts.cancelled + b.counts.uncertain;
  const pct = b.total === 0 ? 0 : Math.round((finished / b.total) * 100);
  return (
    <div className="batch" data-testid="batch-progress">
      <div className="batch-head">
        <strong className="ellipsis">{b.title}</strong>
        <span className="muted">{t('batch.progress', { done: finished, total: b.total })}</span>
        <span className="spacer" />
        <button
          type="button"
          onClick={() =>
            void run(() => api.call('devices.cancelBatch', { batchId }), { error: t('batch.cancelRefused') })
          }
        >
          {t('batch.cancel')}
        </button>
      </div>
      <div
        className="bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={b.total}
        aria-valuenow={finished}
        aria-label={b.title}
      >
        <span style={{ width: `${pct}%` }} />
      </div>
      {(b.counts.failed > 0 || b.counts.uncertain > 0) && (
        <p className="small danger-text">
          {t('batch.problems', { failed: b.counts.failed, uncertain: b.counts.uncertain })}
        </p>
      )}
    </div>
  );
}
