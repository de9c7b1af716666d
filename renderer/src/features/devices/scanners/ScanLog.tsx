import { useState } from 'react';
import type { ScanRecord, ScanRejection } from '@shared/contract';
import { useCommandQuery, useEvent } from '../../../lib/api/hooks';
import { clock } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { aiMeaningKey, visibleScan } from './ai-meaning';

type Entry =
  { kind: 'scan'; scan: ScanRecord } | { kind: 'rejected'; rejection: ScanRejection; name: string };
const KEEP = 50;

/** Every scan as it arrives, parsed: each AI with its meaning, or why the data is not valid. */
export function ScanLog({ timeZone, scannerNames }: { timeZone: string; scannerNames: Map<string, string> }) {
  const { t } = useI18n();
  const recent = useCommandQuery('devices.recentScans', { limit: KEEP });
  const [live, setLive] = useState<Entry[]>([]);
  useEvent('devices.scan', (scan) =>
    setLive((all) => [{ kind: 'scan' as const, scan }, ...all].slice(0, KEEP)),
  );
  useEvent('devices.scanRejected', (rejection) =>
    setLive((all) =>
      [
        {
          kind: 'rejected' as const,
          rejection,
          name: scannerNames.get(rejection.scannerId) ?? rejection.scannerId,
        },
        ...all,
      ].slice(0, KEEP),
    ),
  );
  // Live entries first; the fetched page after, without the scans already shown live.
  const seen = new Set(live.flatMap((e) => (e.kind === 'scan' ? [e.scan.id] : [])));
  const entries: Entry[] = [
    ...live,
    ...(recent.data ?? []).filter((s) => !seen.has(s.id)).map((scan) => ({ kind: 'scan' as const, scan })),
  ].slice(0, KEEP);

  return (
    <section className="panel scan-log" aria-label={t('scans.title')}>
      <header className="panel-head">
        <h2>{t('scans.title')}</h2>
        <span className="spacer" />
        <span className="live-dot" aria-hidden />
        <span className="muted small">{t('scans.live')}</span>
      </header>
      {entries.length === 0 ? (
        <p className="muted empty-inline">{t('scans.empty')}</p>
      ) : (
        <ol className="scan-entries" data-testid="scan-log">
          {entries.map((e) =>
            e.kind === 'rejected' ? (
              <li key={`r${e.rejection.at}${e.rejection.scannerId}`} className="scan-entry bad">
                <div className="scan-meta">
                  <span className="nowrap">{clock(e.rejection.at, timeZone)}</span> · {e.name}
                </div>
                <div className="scan-problem">{t('scans.rejected', { reason: e.rejection.message })}</div>
              </li>
            ) : (
              <ScanEntry key={e.scan.id} scan={e.scan} timeZone={timeZone} />
            ),
          )}
        </ol>
      )}
    </section>
  );
}

function ScanEntry({ scan, timeZone }: { scan: ScanRecord; timeZone: string }) {
  const { t } = useI18n();
  return (
    <li className={`scan-entry${scan.gs1Error ? ' bad' : ''}`} data-testid="scan-entry">
      <div className="scan-meta">
        <span className="nowrap">{clock(scan.at, timeZone)}</span> · {scan.sourceName}
        {scan.symbology !== 'unknown' && <> · {t(`symbology.${scan.symbology}`)}</>}
        {scan.aim && <code className="aim">{scan.aim}</code>}
      </div>
      <code className="scan-raw">{visibleScan(scan.raw)}</code>
      {scan.gs1Error && (
        <div className="scan-problem">{t('scans.invalidGs1', { reason: scan.gs1Error })}</div>
      )}
      {scan.ais && (
        <dl className="ais">
          {scan.ais.map((el, i) => {
            const meaning = aiMeaningKey(el.ai);
            return (
              <div key={`${el.ai}-${i}`}>
                <dt>
                  <code>({el.ai})</code> {meaning ? t(meaning) : el.title}
                </dt>
                <dd>
                  {el.date
                    ? `${el.date.iso}${el.date.endOfMonth ? ` (${t('scans.endOfMonth')})` : ''}`
                    : el.measure !== undefined
                      ? String(el.measure)
                      : el.value}
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </li>
  );
}
