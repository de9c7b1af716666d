import type { DoorIo } from '@shared/contract';
import { useI18n } from '../../../lib/i18n';
import { DoorCard } from './DoorCard';
import { IoModulesPanel } from './IoModulesPanel';
import './doors.css';

/** Every dock door wired to an I/O module, live; below, the modules and their wiring. */
export function DoorsTab({ doors }: { doors: DoorIo[] }) {
  const { t } = useI18n();
  return (
    <div className="stack">
      {doors.length === 0 ? (
        <div className="empty">{t('io.empty')}</div>
      ) : (
        <div className="door-grid">
          {doors.map((d) => (
            <DoorCard key={d.doorId} door={d} />
          ))}
        </div>
      )}
      <IoModulesPanel />
    </div>
  );
}
