import { useI18n } from '../../lib/i18n';
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
