import { useState, type FormEvent } from 'react';
import { DENIAL_REASONS, type ClaimStatus, type ClaimView, type DenialReason } from '@shared/contract';
import { isoDate } from '@shared/domain/time';
import { DateField } from '../../app/date-field';
import { Dialog, FormActions } from '../../app/dialog';
import { useCommandMutation } from '../../lib/api/hooks';
import { money, numberText, parseMoney, shortDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { claimsErrorText, reasonOf } from './errors';

/** Moves a claim to its next status with what that step needs: the day, a reason, an amount. */
export function TransitionDialog({
  claim,
  to,
  timeZone,
  onClose,
}: {
  claim: ClaimView;
  to: ClaimStatus;
  timeZone: string;
  onClose(): void;
}) {
  const { t, locale } = useI18n();
  const move = useCommandMutation('claims.transition');
  const [on, setOn] = useState(() => isoDate(Date.now(), timeZone));
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<DenialReason>('insufficient_packaging');
  const ceiling = to === 'paid' ? (claim.approvedMinor ?? claim.claimedMinor) : claim.claimedMinor;
  const [amount, setAmount] = useState(() => (to === 'paid' ? numberText(ceiling / 100, locale) : ''));
  const [lateAccepted, setLateAccepted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [late, setLate] = useState(to === 'filed' && claim.lateNotice !== null);
  const needsAmount = to === 'paid' || to === 'partially_approved';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const amountMinor = needsAmount ? parseMoney(amount, claim.currency, locale) : undefined;
    if (needsAmount && (amountMinor === null || Number.isNaN(amountMinor))) {
      setError(t('claims.form.badNumber'));
      return;
    }
    try {
      await move.mutateAsync({
        id: claim.id,
        to,
        on,
        note,
        ...(to === 'denied' ? { denialReason: reason } : {}),
        ...(amountMinor !== undefined && amountMinor !== null ? { amountMinor } : {}),
        ...(lateAccepted ? { acceptLateNotice: true } : {}),
      });
      onClose();
    } catch (err) {
      if (reasonOf(err) === 'late_notice') setLate(true);
      setError(claimsErrorText(err, t, locale));
    }
  }

  return (
    <Dialog title={t(`claims.action.${to}`)} onClose={onClose}>
      <form className="form" onSubmit={submit} data-testid="transition-form">
        <p className="muted">{t(`claims.help.${to}`)}</p>
        <DateField label={t('claims.transition.on')} value={on} onChange={setOn} testId="transition-on" />
        {to === 'denied' && (
          <label>
            {t('claims.field.denialReason')}
            <select value={reason} onChange={(e) => setReason(e.target.value as DenialReason)}>
              {DENIAL_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`claims.denial.${r}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {to === 'appealed' && claim.denial && (
          <p className="notice">{t('claims.appeal.answers', { reason: t(`claims.denial.${claim.denial.reason}`) })}</p>
        )}
        {needsAmount && (
          <label>
            {t(to === 'paid' ? 'claims.field.paidAmount' : 'claims.field.approvedAmount', { currency: claim.currency })}
            <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" required />
            <span className="muted small">{t('claims.transition.ceiling', { amount: money(ceiling, claim.currency, locale) })}</span>
          </label>
        )}
        <label>
          {to === 'appealed' ? t('claims.field.appealNote') : t('claims.field.note')}
          <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={2000} required={to === 'appealed'} />
        </label>
        {late && claim.lateNotice && (
          <div className="warning-box">
            <p>{t('claims.lateNotice.text', { date: shortDate(claim.lateNotice.date!, locale) })}</p>
            <label className="check">
              <input type="checkbox" checked={lateAccepted} onChange={(e) => setLateAccepted(e.target.checked)} />
              {t('claims.lateNotice.accept')}
            </label>
          </div>
        )}
        {error && (
          <div className="refusal" role="alert">
            {error}
          </div>
        )}
        <FormActions onCancel={onClose} busy={move.isPending} submitLabel={t(`claims.action.${to}`)} />
      </form>
    </Dialog>
  );
}
