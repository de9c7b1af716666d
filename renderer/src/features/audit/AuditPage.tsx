import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { AUDIT_PAGE_MAX, type AuditChange, type AuditEntry, type CommandInput } from '@shared/contract';
import { toCsv } from '@shared/export/csv';
import type { ExportTable } from '@shared/export/table';
import { addDays, isoDate } from '@shared/domain/time';
import { DateField } from '../../app/date-field';
import { useToast } from '../../app/toasts';
import { useApi, useCommandQuery } from '../../lib/api/hooks';
import { downloadBytes } from '../../lib/download';
import { dateTime } from '../../lib/format';
import { useI18n, type Translate } from '../../lib/i18n';
import './audit.css';

const ROW = 44;
const PAGE = 200;
/** An export takes at most this many changes (newest first). */
const EXPORT_MAX = 50_000;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Filter = Omit<CommandInput<'audit.entries'>, 'beforeId' | 'limit'>;

/** Every change made here, newest first, filtered by user, record and period; exportable. */
export function AuditPage({ timeZone }: { timeZone: string }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const toast = useToast();
  const today = isoDate(Date.now(), timeZone);
  const [actor, setActor] = useState('');
  const [record, setRecord] = useState('');
  const [from, setFrom] = useState(() => addDays(today, -6));
  const [to, setTo] = useState(today);
  const [selected, setSelected] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const badPeriod = to < from;
  const filter = useMemo<Filter>(
    () => ({ ...(actor ? { actor } : {}), ...(record.trim() ? { record: record.trim() } : {}), from, to }),
    [actor, record, from, to],
  );
  const actors = useCommandQuery('audit.actors', {});
  const list = useInfiniteQuery({
    queryKey: ['audit.entries', filter],
    enabled: !badPeriod,
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api.call('audit.entries', { ...filter, limit: PAGE, ...(pageParam ? { beforeId: pageParam } : {}) }),
    getNextPageParam: (last) => (last.more ? last.entries.at(-1)?.id : undefined),
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.entries) ?? [], [list.data]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 10,
  });
  const items = virtual.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (lastIndex >= rows.length - 20 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  }, [lastIndex, rows.length, list]);

  const exportAs = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      const all: AuditEntry[] = [];
      let beforeId: number | undefined;
      for (;;) {
        const page = await api.call('audit.entries', { ...filter, limit: AUDIT_PAGE_MAX, ...(beforeId ? { beforeId } : {}) });
        all.push(...page.entries);
        beforeId = page.entries.at(-1)?.id;
        if (!page.more || !beforeId || all.length >= EXPORT_MAX) break;
      }
      const table = auditTable(all.slice(0, EXPORT_MAX), timeZone, locale, t);
      const base = `${t('audit.fileName')}-${from}-${to}`;
      if (format === 'csv') downloadBytes(toCsv(table), `${base}.csv`, 'text/csv;charset=utf-8');
      else {
        const { toXlsx } = await import('@shared/export/xlsx');
        downloadBytes(await toXlsx([table]), `${base}.xlsx`, XLSX_TYPE);
      }
    } catch (err) {
      toast({ kind: 'error', title: err instanceof Error ? err.message : String(err) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="audit-page">
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <div className="toolbar audit-filters">
        <label className="field inline">
          <span>{t('audit.user')}</span>
          <select value={actor} onChange={(e) => setActor(e.target.value)} data-testid="audit-user">
            <option value="">{t('audit.everyone')}</option>
            {actors.data?.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>{t('audit.record')}</span>
          <input
            type="search"
            value={record}
            maxLength={200}
            placeholder={t('audit.recordHint')}
            title={t('audit.recordHint')}
            onChange={(e) => setRecord(e.target.value)}
            data-testid="audit-record"
          />
        </label>
        <label className="field inline">
          <span>{t('audit.from')}</span>
          <DateField label={t('audit.from')} hideLabel value={from} onChange={setFrom} invalid={badPeriod} testId="audit-from" />
        </label>
        <label className="field inline">
          <span>{t('audit.to')}</span>
          <DateField label={t('audit.to')} hideLabel value={to} onChange={setTo} invalid={badPeriod} testId="audit-to" />
        </label>
        <span className="spacer" />
        <button type="button" disabled={exporting || !rows.length} onClick={() => void exportAs('csv')}>
          {exporting ? t('audit.exporting') : t('audit.csv')}
        </button>
        <button type="button" disabled={exporting || !rows.length} onClick={() => void exportAs('xlsx')}>
          {t('audit.xlsx')}
        </button>
      </div>
      {badPeriod && (
        <p className="refusal" role="alert">
          {t('audit.badPeriod')}
        </p>
      )}
      <div className="audit-body">
        <div className="audit-list-wrap">
          <div className="audit-row audit-head" aria-hidden>
            <span>{t('audit.col.when')}</span>
            <span>{t('audit.col.who')}</span>
            <span>{t('audit.col.where')}</span>
            <span>{t('audit.col.what')}</span>
            <span>{t('audit.col.outcome')}</span>
          </div>
          {list.data && rows.length === 0 && (
            <p className="empty" data-testid="audit-empty">
              {t('audit.none')}
            </p>
          )}
          <div className="audit-list" ref={scroller} role="listbox" aria-label={t('audit.title')} data-testid="audit-list">
            <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const e = rows[item.index]!;
                return (
                  <div
                    key={e.id}
                    role="option"
                    aria-selected={e.id === selected}
                    className={`audit-row${e.id === selected ? ' selected' : ''}`}
                    style={{ position: 'absolute', top: item.start, height: ROW, left: 0, right: 0 }}
                    onClick={() => setSelected(e.id)}
                    data-testid="audit-row"
                  >
                    <span>{dateTime(e.at, timeZone, locale)}</span>
                    <span>
                      {e.actor} <span className="muted small">{e.role}</span>
                    </span>
                    <span className="muted">{e.workstation}</span>
                    <span>
                      <code>{e.command}</code>
                      {e.changeCount > 0 && <span className="muted small"> · {e.changeCount}</span>}
                    </span>
                    <span className={e.outcome === 'ok' ? 'ok' : 'failed'}>{outcomeText(e.outcome, t)}</span>
                  </div>
                );
              })}
            </div>
          </div>
          <p className="muted small" data-testid="audit-count">
            {list.isFetchingNextPage
              ? t('audit.loadingMore')
              : t(list.hasNextPage ? 'audit.countMore' : 'audit.count', { count: rows.length })}
          </p>
        </div>
        <aside className="audit-detail" data-testid="audit-detail">
          {selected === null ? (
            <p className="muted">{t('audit.pick')}</p>
          ) : (
            <EntryDetail id={selected} timeZone={timeZone} onRecord={setRecord} />
          )}
        </aside>
      </div>
    </section>
  );
}

function outcomeText(outcome: string, t: Translate): string {
  return outcome === 'ok' ? t('audit.outcome.ok') : t('audit.outcome.failed', { code: outcome });
}

function EntryDetail({ id, timeZone, onRecord }: { id: number; timeZone: string; onRecord(record: string): void }) {
  const { t, locale } = useI18n();
  const detail = useCommandQuery('audit.entry', { id });
  const d = detail.data;
  if (!d) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div>
      <h2>
        <code>{d.command}</code>
      </h2>
      <p>
        {dateTime(d.at, timeZone, locale)} · {d.actor} ({d.role}) · {d.workstation} · {outcomeText(d.outcome, t)}
      </p>
      {d.input && <pre className="audit-input">{d.input}</pre>}
      {d.changes.length === 0 && <p className="muted">{t('audit.noRows')}</p>}
      {d.changes.map((c, i) => (
        <ChangeView key={i} change={c} timeZone={timeZone} onRecord={onRecord} />
      ))}
      {d.omitted > 0 && <p className="muted">{t('audit.omitted', { count: d.omitted })}</p>}
    </div>
  );
}

function ChangeView({
  change,
  timeZone,
  onRecord,
}: {
  change: AuditChange;
  timeZone: string;
  onRecord(record: string): void;
}) {
  const { t, locale } = useI18n();
  const cell = (field: string, v: unknown) =>
    // Instants are stored as epoch ms in `…_at` columns: shown as a date and time.
    /_at$|^at$/.test(field) && typeof v === 'number' && v > 1e11 ? dateTime(v, timeZone, locale) : show(v);
  const fields = [...new Set([...Object.keys(change.before ?? {}), ...Object.keys(change.after ?? {})])].filter(
    (f) => change.op !== 'update' || show(change.before?.[f]) !== show(change.after?.[f]),
  );
  return (
    <div className="audit-change" data-testid="audit-change">
      <h3>
        {t(`audit.op.${change.op}`)} · {change.table}/{change.key}{' '}
        <button type="button" className="link" onClick={() => onRecord(change.key)}>
          {t('audit.filterRecord')}
        </button>
      </h3>
      <table className="table">
        <thead>
          <tr>
            <th>{t('audit.field')}</th>
            {change.before && <th>{t('audit.before')}</th>}
            {change.after && <th>{t('audit.after')}</th>}
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f}>
              <td>{f}</td>
              {change.before && <td className="audit-before">{cell(f, change.before[f])}</td>}
              {change.after && <td className="audit-after">{cell(f, change.after[f])}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The list as exported: the columns the screen shows, plus the records and the input. */
export function auditTable(entries: AuditEntry[], timeZone: string, locale: string, t: Translate): ExportTable {
  return {
    name: t('audit.title'),
    columns: [
      t('audit.col.when'),
      t('audit.col.who'),
      t('audit.col.role'),
      t('audit.col.where'),
      t('audit.col.what'),
      t('audit.col.records'),
      t('audit.col.outcome'),
      t('audit.col.input'),
    ],
    rows: entries.map((e) => [
      dateTime(e.at, timeZone, locale),
      e.actor,
      e.role,
      e.workstation,
      e.command,
      e.records.join(' '),
      outcomeText(e.outcome, t),
      e.input,
    ]),
  };
}
