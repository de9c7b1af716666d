import type { Printer } from '@shared/contract';
import { useI18n } from '../../../lib/i18n';
import { Pill } from '../device-ui';
import { printerConditions } from './printer-condition';

/** Every condition of a printer as a pill: ready, paper out, head open, paused, offline, … */
export function PrinterBadges({ printer }: { printer: Printer }) {
  const { t } = useI18n();
  return (
    <span className="pills" data-testid="printer-status">
      {printerConditions(printer.runtime, printer.active).map((c) => (
        <Pill key={c.key} tone={c.tone}>
          {t(`printer.state.${c.key}`)}
        </Pill>
      ))}
    </span>
  );
}
