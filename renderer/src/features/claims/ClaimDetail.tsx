import { useEffect, useState } from 'react';
import { mayRun, type ClaimAttachment, type ClaimStatus, type ClaimView } from '@shared/contract';
import { useApi, useCommandMutation, useCommandQuery } from '../../lib/api/hooks';
import { downloadBase64 } from '../../lib/download';
import { dateTime, money, shortDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ClaimDialog } from './ClaimDialog';
import { claimsErrorText } from './errors';
import { EvidenceTooLarge, fileBytes, uploadEvidence } from './evidence';
import { DaysLeft, StatusBadge } from './parts';
import { TransitionDialog } from './TransitionDialog';

/** One claim: facts, every deadline, lines, evidence, correspondence and its timeline. */
export function ClaimDetail({ id, timeZone, role, onBack }: { id: string; timeZone: string; role: string; onBack(): void }) {
  const { t, locale } = useI18n();
  const claim = useCommandQuery('claims.get', { id });
  const [moving, setMoving] = useState<ClaimStatus | null>(null);
  const [editing, setEditing] = useState(false);
  if (claim.error) return <div className="refusal">{claimsErrorText(claim.error, t, locale)}</div>;
  const c = claim.data;
  if (!c) return <p className="muted">{t('common.loading')}</p>;
  const canWrite = mayRun(role, 'claims.transition');
  return (
    <div className="claim-detail" data-testid="claim-detail">
      <div className="toolbar">
        <button type="button" onClick={onBack}>
          ← {t('claims.back')}
        </button>
        <h2 className="claim-title">
          {c.number} <StatusBadge status={c.status} />
        </h2>
        <span className="spacer" />
        <PacketButton id={c.id} />
        {canWrite && c.status === 'draft' && (
          <button type="button" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </button>
        )}
      </div>
      {c.lateNotice && (
        <div className="warning-box" role="alert" data-testid="late-notice">
          <strong>{t('claims.lateNotice.title')}</strong>
          <p>{t('claims.lateNotice.text', { date: shortDate(c.lateNotice.date!, locale) })}</p>
        </div>
      )}
      {canWrite && c.next.length > 0 && (
        <div className="actions claim-actions" data-testid="claim-actions">
          <span className="muted">{t('claims.moveTo')}</span>
          {c.next.map((s) => (
            <button key={s} type="button" className={s === 'closed' ? undefined : 'primary'} onClick={() => setMoving(s)}>
              {t(`claims.action.${s}`)}
            </button>
          ))}
        </div>
      )}
      <div className="claim-grid">
        <section className="panel">
          <h3>{t('claims.section.facts')}</h3>
          <dl className="facts-list">
            <dt>{t('claims.field.type')}</dt>
            <dd>{t(`claims.type.${c.type}`)}</dd>
            <dt>{t('claims.field.carrier')}</dt>
            <dd>{c.carrierName}</dd>
            <dt>{t('claims.field.shipmentRef')}</dt>
            <dd>{c.shipmentRef || '–'}</dd>
            <dt>{t('claims.field.delivered')}</dt>
            <dd>{shortDate(c.deliveredOn, locale)}</dd>
            {c.filedOn && (
              <>
                <dt>{t('claims.field.filed')}</dt>
                <dd>{shortDate(c.filedOn, locale)}</dd>
              </>
            )}
            <dt>{t('claims.field.ssccs')}</dt>
            <dd className="mono">{c.ssccs.length ? c.ssccs.join(', ') : '–'}</dd>
            <dt>{t('claims.col.claimed')}</dt>
            <dd>{money(c.claimedMinor, c.currency, locale)}</dd>
            {c.approvedMinor !== null && (
              <>
                <dt>{t('claims.field.approved')}</dt>
                <dd>{money(c.approvedMinor, c.currency, locale)}</dd>
              </>
            )}
            {c.paidMinor !== null && (
              <>
                <dt>{t('claims.field.paid')}</dt>
                <dd>{money(c.paidMinor, c.currency, locale)}</dd>
              </>
            )}
            {c.denial && (
              <>
                <dt>{t('claims.field.denial')}</dt>
                <dd>
                  {t(`claims.denial.${c.denial.reason}`)}
                  {c.denial.note && <div className="muted small">{c.denial.note}</div>}
                </dd>
              </>
            )}
            {c.appeal && (
              <>
                <dt>{t('claims.field.appeal')}</dt>
                <dd>{c.appeal.note}</dd>
              </>
            )}
          </dl>
          {c.description && <p className="claim-description">{c.description}</p>}
        </section>
        <section className="panel">
          <h3>{t('claims.section.deadlines')}</h3>
          <table className="table deadlines" data-testid="claim-deadlines">
            <tbody>
              {c.deadlines.map((d) => (
                <tr key={d.key}>
                  <th scope="row">{t(`claims.deadline.${d.key}`)}</th>
                  <td>
                    {d.date ? shortDate(d.date, locale) : <span className="muted">{t(`claims.needs.${d.needs ?? 'delivered'}`)}</span>}{' '}
                    <DaysLeft days={d.daysLeft} />
                    {d.status === 'verify' && <span className="badge verify">{t('claims.verify')}</span>}
                    <div className="muted small source">{d.source}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {c.deadlines.length === 0 && <p className="muted">{t('claims.noDeadlines')}</p>}
          {c.regimeNotes.map((n) => (
            <p key={n} className="muted small">
              {n}
            </p>
          ))}
        </section>
      </div>
      <section className="panel">
        <h3>{t('claims.section.lines')}</h3>
        <table className="table" data-testid="claim-lines">
          <thead>
            <tr>
              <th>{t('claims.line.description')}</th>
              <th>{t('claims.line.sscc')}</th>
              <th className="num">{t('claims.line.quantity')}</th>
              <th className="num">{t('claims.line.unitValue', { currency: c.currency })}</th>
              <th className="num">{t('claims.col.claimed')}</th>
            </tr>
          </thead>
          <tbody>
            {c.lines.map((l, i) => (
              <tr key={i}>
                <td>{l.description}</td>
                <td className="mono">{l.sscc ?? '–'}</td>
                <td className="num">{l.quantity}</td>
                <td className="num">{money(l.unitValueMinor, c.currency, locale)}</td>
                <td className="num">{money(l.claimedMinor, c.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <Evidence claim={c} canWrite={mayRun(role, 'claims.attach') && c.status !== 'closed'} />
      <Correspondence claim={c} timeZone={timeZone} canWrite={mayRun(role, 'claims.addNote')} />
      <section className="panel">
        <h3>{t('claims.section.timeline')}</h3>
        <ol className="timeline" data-testid="claim-timeline">
          {c.history.map((h, i) => (
            <li key={i}>
              <StatusBadge status={h.to} /> <span>{dateTime(h.at, timeZone, locale)}</span> <span className="muted">{h.by}</span>
              {h.note && <div className="muted small">{h.note}</div>}
            </li>
          ))}
        </ol>
      </section>
      {moving && <TransitionDialog claim={c} to={moving} timeZone={timeZone} onClose={() => setMoving(null)} />}
      {editing && (
        <ClaimDialog
          draft={{ ...c, lines: c.lines }}
          timeZone={timeZone}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      )}
    </div>
  );
}

function PacketButton({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={busy}
        data-testid="claim-packet"
        onClick={() => {
          setBusy(true);
          setError(null);
          api
            .call('claims.packet', { id })
            .then((pdf) => downloadBase64(pdf.base64, pdf.fileName))
            .catch((err: unknown) => setError(claimsErrorText(err, t, locale)))
            .finally(() => setBusy(false));
        }}
      >
        {t('claims.packet')}
      </button>
      {error && <span className="refusal">{error}</span>}
    </>
  );
}

function Evidence({ claim, canWrite }: { claim: ClaimView; canWrite: boolean }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const attach = useCommandMutation('claims.attach');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function add(files: File[]) {
    if (!files.length) return;
    setBusy(true);
    setError(null);
    try {
      for (const file of files) {
        const stored = await uploadEvidence(api, file.name, await fileBytes(file));
        await attach.mutateAsync({ id: claim.id, fileId: stored.id });
      }
    } catch (err) {
      setError(err instanceof EvidenceTooLarge ? t('claims.reason.file_too_large') : claimsErrorText(err, t, locale));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="panel">
      <h3>{t('claims.section.evidence')}</h3>
      {claim.attachments.length === 0 && <p className="muted">{t('claims.evidence.none')}</p>}
      <ul className="evidence" data-testid="claim-evidence">
        {claim.attachments.map((a) => (
          <li key={a.fileId}>
            <Thumb claimId={claim.id} attachment={a} />
            <span className="small">{a.name}</span>
          </li>
        ))}
      </ul>
      {canWrite && (
        <label className="file-pick button-like">
          <span>{busy ? t('claims.evidence.uploading') : t('claims.evidence.add')}</span>
          <input className="visually-hidden" type="file" accept="image/png,image/jpeg,application/pdf" multiple disabled={busy} onChange={(e) => {
              void add(Array.from(e.target.files ?? []));
              e.target.value = '';
            }} data-testid="claim-attach" />
        </label>
      )}
      {error && (
        <div className="refusal" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}

export function Thumb({ claimId, attachment }: { claimId: string; attachment: ClaimAttachment }) {
  const api = useApi();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (attachment.kind === 'pdf') return;
    let alive = true;
    void api
      .call('claims.attachment', { id: claimId, fileId: attachment.fileId })
      .then((r) => alive && setUrl(`data:${r.contentType};base64,${r.base64}`))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [api, claimId, attachment.fileId, attachment.kind]);
  if (attachment.kind === 'pdf') return <span className="thumb pdf">PDF</span>;
  return url ? <img className="thumb" src={url} alt={attachment.name} /> : <span className="thumb" />;
}

function Correspondence({ claim, timeZone, canWrite }: { claim: ClaimView; timeZone: string; canWrite: boolean }) {
  const { t, locale } = useI18n();
  const add = useCommandMutation('claims.addNote');
  const [text, setText] = useState('');
  const [direction, setDirection] = useState<'sent' | 'received' | 'internal'>('internal');
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="panel">
      <h3>{t('claims.section.notes')}</h3>
      {claim.notes.length === 0 && <p className="muted">{t('claims.notes.none')}</p>}
      <ul className="notes">
        {claim.notes.map((n) => (
          <li key={n.id}>
            <span className="badge">{t(`claims.direction.${n.direction}`)}</span> {dateTime(n.at, timeZone, locale)}{' '}
            <span className="muted">{n.by}</span>
            <div>{n.text}</div>
          </li>
        ))}
      </ul>
      {canWrite && (
        <form
          className="note-form"
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            add.mutate(
              { id: claim.id, direction, text },
              { onSuccess: () => setText(''), onError: (err) => setError(claimsErrorText(err, t, locale)) },
            );
          }}
        >
          <select aria-label={t('claims.notes.direction')} value={direction} onChange={(e) => setDirection(e.target.value as typeof direction)}>
            {(['internal', 'sent', 'received'] as const).map((d) => (
              <option key={d} value={d}>
                {t(`claims.direction.${d}`)}
              </option>
            ))}
          </select>
          <input aria-label={t('claims.notes.text')} placeholder={t('claims.notes.placeholder')} value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} />
          <button type="submit" disabled={!text.trim() || add.isPending}>
            {t('claims.notes.add')}
          </button>
        </form>
      )}
      {error && <div className="refusal">{error}</div>}
    </section>
  );
}
