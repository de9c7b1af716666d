import { useI18n } from '../lib/i18n';
import type { Refusal } from './refusal';

/** Why a change was not saved, and — for bookings — the next free slot with a one-click fix. */
export function RefusalBox({ refusal, onUseSlot }: { refusal: Refusal; onUseSlot?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="refusal" role="alert" data-testid="refusal">
      <strong>{t('error.title')}</strong>
      <p>{refusal.message}</p>
      {refusal.nextFreeText && (
        <p>
          {refusal.nextFreeText}{' '}
          {refusal.nextFree && onUseSlot && (
            <button type="button" className="link" onClick={onUseSlot}>
              {t('appt.useSlot')}
            </button>
          )}
        </p>
      )}
    </div>
  );
}

/**
 * The reference is already booked: a warning, not a refusal. The operator fixes the reference or
 * confirms it is another delivery on the same order, and the booking is sent again confirmed.
 */
export function DuplicateWarning({
  message,
  confirmLabel,
  busy,
  onConfirm,
  onFix,
}: {
  message: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm(): void;
  onFix(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="warning-box" role="alert" data-testid="duplicate-warning">
      <strong>{t('appt.duplicateTitle')}</strong>
      <p>{message}</p>
      <div className="actions">
        <button type="button" onClick={onFix}>
          {t('appt.fixReference')}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}
