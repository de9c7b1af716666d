import { LOAD_TYPES } from '@shared/contract';
import { useI18n } from '../../lib/i18n';

/** What the board's colours and marks mean: one swatch per load type, closed hours, now. */
export function BoardLegend({ nowShown }: { nowShown: boolean }) {
  const { t } = useI18n();
  return (
    <ul className="board-legend" aria-label={t('dock.legend')} data-testid="board-legend">
      {LOAD_TYPES.map((l) => (
        <li key={l}>
          <span className={`legend-swatch block load-${l}`} aria-hidden />
          {t(`load.${l}`)}
        </li>
      ))}
      <li>
        <span className="legend-swatch legend-closed" aria-hidden />
        {t('dock.closed')}
      </li>
      {nowShown && (
        <li>
          <span className="legend-now" aria-hidden />
          {t('dock.nowLegend')}
        </li>
      )}
    </ul>
  );
}
