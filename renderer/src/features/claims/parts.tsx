import type { ClaimStatus } from '@shared/contract';
import { useI18n } from '../../lib/i18n';

export function StatusBadge({ status }: { status: ClaimStatus }) {
  const { t } = useI18n();
  return <span className={`badge claim-status claim-${status}`}>{t(`claims.status.${status}`)}</span>;
}

/** "5 days left", "today", "3 days ago" — red when past, amber within a week. */
export function DaysLeft({ days }: { days: number | null }) {
  const { t } = useI18n();
  if (days === null) return null;
  const tone = days < 0 ? 'late' : days <= 7 ? 'soon' : 'ok';
  const text =
    days < 0 ? t('claims.days.ago', { count: -days }) : days === 0 ? t('claims.days.today') : t('claims.days.left', { count: days });
  return <span className={`days-left days-${tone}`}>{text}</span>;
}
