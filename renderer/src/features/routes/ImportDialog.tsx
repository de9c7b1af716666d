import { useState, type ReactNode } from 'react';
import {
  IMPORT_FIELDS,
  type ColumnMapping,
  type ImportField,
  type ImportPreview,
  type ImportResult,
} from '@shared/contract';
import { Dialog } from '../../app/dialog';
import { useToast } from '../../app/toasts';
import { useApi } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { uploadFile } from '@shared/files/upload';
import { importErrorText } from './import-error-text';

const REQUIRED: readonly ImportField[] = ['reference', 'customer', 'lat', 'lon'];

interface Loaded {
  /** The file in the attachment store: sent there in chunks, never whole in one message. */
  fileId: string;
  preview: ImportPreview;
  mapping: ColumnMapping;
}

/** Orders from a CSV or XLSX file: pick the file, check the column mapping and each row, import. */
export function ImportDialog({
  date,
  dimensions,
  onClose,
}: {
  date: string;
  dimensions: string[];
  onClose(): void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [strict, setStrict] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);

  async function choose(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const stored = await uploadFile(
        (name, input) => api.call(name as 'files.beginUpload', input as never) as never,
        file.name,
        bytes,
        (sent, total) => setUploaded(Math.floor((100 * sent) / total)),
      );
      const preview = await api.call('routes.importPreview', { date, fileId: stored.id });
      setLoaded({ fileId: stored.id, preview, mapping: preview.suggestedMapping });
    } catch (err) {
      setLoaded(null);
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
      setUploaded(null);
    }
  }

  async function remap(mapping: ColumnMapping) {
    if (!loaded) return;
    setLoaded({ ...loaded, mapping });
    setBusy(true);
    try {
      const preview = await api.call('routes.importPreview', { date, fileId: loaded.fileId, mapping });
      setLoaded({ ...loaded, mapping, preview });
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (!loaded) return;
    setBusy(true);
    try {
      const r = await api.call('routes.importCommit', {
        date,
        fileId: loaded.fileId,
        mapping: loaded.mapping,
        mode: strict ? 'all_or_nothing' : 'valid_rows',
      });
      toast({
        kind: 'success',
        title: t(r.created === 1 ? 'routes.import.doneOne' : 'routes.import.done', { count: r.created }),
      });
      if (r.rejected.length === 0) onClose();
      else setResult(r);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const p = loaded?.preview;
  const mapped = loaded
    ? [
        ...IMPORT_FIELDS.filter((f) => loaded.mapping.fields[f]).map((f) => ({
          key: f,
          label: t(`routes.field.${f}`),
          column: loaded.mapping.fields[f]!,
        })),
        ...Object.entries(loaded.mapping.dimensions)
          .filter(([, c]) => c)
          .map(([d, c]) => ({ key: `dim-${d}`, label: d, column: c })),
      ]
    : [];
  const setField = (field: ImportField, column: string) => {
    if (!loaded) return;
    const fields = { ...loaded.mapping.fields };
    if (column) fields[field] = column;
    else delete fields[field];
    void remap({ ...loaded.mapping, fields });
  };
  const setDimension = (dim: string, column: string) => {
    if (!loaded) return;
    const dims = { ...loaded.mapping.dimensions };
    if (column) dims[dim] = column;
    else delete dims[dim];
    void remap({ ...loaded.mapping, dimensions: dims });
  };

  return (
    <Dialog title={t('routes.import.title', { date: dayInSentence(date, locale) })} onClose={onClose} wide>
      <div className="form import" data-testid="import-dialog">
        <label>
          {t('routes.import.file')}
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </label>
        <p className="small muted">{t('routes.import.hint')}</p>
        {error && (
          <div className="refusal" role="alert">
            <strong>{t('routes.import.problem')}</strong>
            <p>{error}</p>
          </div>
        )}
        {loaded && p && (
          <>
            <fieldset className="mapping" aria-label={t('routes.import.mapping')}>
              <legend>{t('routes.import.mapping')}</legend>
              <div className="mapping-grid">
                {IMPORT_FIELDS.map((f) => (
                  <ColumnSelect
                    key={f}
                    label={
                      <>
                        {t(`routes.field.${f}`)}
                        {REQUIRED.includes(f) && ' *'}
                      </>
                    }
                    columns={p.columns}
                    value={loaded.mapping.fields[f] ?? ''}
                    onChange={(column) => setField(f, column)}
                  />
                ))}
                {dimensions.map((d) => (
                  <ColumnSelect
                    key={d}
                    label={t('routes.import.amountIn', { dimension: d })}
                    columns={p.columns}
                    value={loaded.mapping.dimensions[d] ?? ''}
                    onChange={(column) => setDimension(d, column)}
                  />
                ))}
              </div>
            </fieldset>
            <p data-testid="import-summary">
              {t('routes.import.summary', { valid: p.validRows, total: p.totalRows, invalid: p.invalidRows })}
              {p.rows.length < p.totalRows &&
                ` ${t('routes.import.firstRows', { count: p.rows.length })}`}{' '}
              <span className="muted small">
                {p.format === 'xlsx'
                  ? t('routes.import.fromSheet', { sheet: p.sheet ?? '' })
                  : t('routes.import.fromCsv', {
                      separator: p.separator === '\t' ? 'Tab' : (p.separator ?? ','),
                    })}
              </span>
            </p>
            <div className="import-table-wrap">
              <table className="table import-table">
                <thead>
                  <tr>
                    <th>{t('routes.import.row')}</th>
                    <th>{t('routes.import.problems')}</th>
                    {mapped.map((m) => (
                      <th key={m.key}>{m.label}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {problemsFirst(p.rows).map((r) => (
                    <tr key={r.row} className={r.errors.length ? 'row-error' : undefined} data-row={r.row}>
                      <td className="num">{r.row}</td>
                      <td className="errors">
                        {r.errors.length === 0 ? (
                          <span className="ok">{t('routes.import.rowOk')}</span>
                        ) : (
                          r.errors.map((e, i) => (
                            <div key={i}>
                              {e.column ? `${e.column}: ` : ''}
                              {importErrorText(e, t)}
                            </div>
                          ))
                        )}
                      </td>
                      {mapped.map((m) => (
                        <td
                          key={m.key}
                          className={r.errors.some((e) => e.column === m.column) ? 'cell-error' : undefined}
                        >
                          {r.values[m.column]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {result && (
              <div className="refusal" role="alert" data-testid="import-rejected">
                <strong>
                  {t(result.rejected.length === 1 ? 'routes.import.rejectedOne' : 'routes.import.rejected', {
                    count: result.rejected.length,
                  })}
                </strong>
                {result.rejected.map((e, i) => (
                  <p key={i}>
                    {t('routes.import.rowN', { row: e.row })}: {importErrorText(e, t)}
                  </p>
                ))}
              </div>
            )}
            <label className="check">
              <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.target.checked)} />
              {t('routes.import.strict')}
            </label>
          </>
        )}
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={!p || busy || p.validRows === 0 || (strict && p.invalidRows > 0) || result !== null}
            onClick={() => void commit()}
          >
            {!p
              ? t('routes.import.commitNone')
              : t(p.validRows === 1 ? 'routes.import.commitOne' : 'routes.import.commit', {
                  count: p.validRows,
                })}
          </button>
          <button type="button" onClick={onClose}>
            {result ? t('common.close') : t('common.cancel')}
          </button>
          {busy && (
            <span className="muted small" data-testid="import-busy">
              {uploaded === null ? t('common.loading') : t('routes.import.uploading', { percent: uploaded })}
            </span>
          )}
        </div>
      </div>
    </Dialog>
  );
}

/** A calendar date as it reads inside a sentence ("2 december 2026", "2 December 2026"). */
function dayInSentence(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, m! - 1, d!)),
  );
}

/** Rows with problems on top: they are what the dispatcher has to look at before importing. */
function problemsFirst<R extends { row: number; errors: unknown[] }>(rows: R[]): R[] {
  return [...rows].sort((a, b) => Number(b.errors.length > 0) - Number(a.errors.length > 0) || a.row - b.row);
}

/** Which file column feeds one order field ("" = not used). */
function ColumnSelect({
  label,
  columns,
  value,
  onChange,
}: {
  label: ReactNode;
  columns: string[];
  value: string;
  onChange(column: string): void;
}) {
  const { t } = useI18n();
  return (
    <label>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('routes.import.unused')}</option>
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}
