import type { SimulatedDevices } from '@shared/contract';
import { useI18n } from '../../lib/i18n';

/** Says plainly that no real hardware is driven, and where the simulators listen. */
export function SimulatedBanner({ sim }: { sim: SimulatedDevices }) {
  const { t } = useI18n();
  return (
    <div className="sim-banner" role="note" data-testid="simulated-banner">
      <strong>{t('sim.bannerTitle')}</strong>
      <span>{t('sim.bannerBody')}</span>
      <span className="sim-addresses small">
        {sim.printer && (
          <span>
            {t('sim.printerAt', { address: sim.printer.address, count: sim.printer.labelsPrinted })}
          </span>
        )}
        {sim.dock && <span>{t('sim.dockAt', { address: sim.dock.address, count: sim.dock.doors })}</span>}
        {sim.scanner ? (
          <span>{t('sim.scannerAt', { path: sim.scanner.path })}</span>
        ) : (
          sim.scannerProblem && <span className="danger-text">{sim.scannerProblem}</span>
        )}
      </span>
    </div>
  );
}
