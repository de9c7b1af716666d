import { useState } from 'react';
import type { Printer, SimulatedDevices } from '@shared/contract';
import { useI18n } from '../../../lib/i18n';
import { printerTone } from './printer-condition';
import { PrinterBadges } from './PrinterBadges';
import { PrinterDetail } from './PrinterDetail';
import { PrinterDialog } from './PrinterDialog';
import { SsccSettingsForm } from './SsccSettingsForm';
import './printers.css';

/** The printers: a list to pick from (with live state) and the picked one in detail. */
export function PrintersTab({
  printers,
  simulated,
  timeZone,
}: {
  printers: Printer[];
  simulated: SimulatedDevices | null;
  timeZone: string;
}) {
  const { t } = useI18n();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const selected = printers.find((p) => p.id === selectedId) ?? printers[0];

  if (printers.length === 0)
    return (
      <div className="empty">
        <p>{t('printers.empty')}</p>
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          {t('printers.add')}
        </button>
        {adding && <PrinterDialog onClose={() => setAdding(false)} />}
      </div>
    );

  return (
    <div className="split">
      <div className="stack">
        <div className="device-list" role="listbox" aria-label={t('printers.title')}>
          {printers.map((p) => (
            <button
              key={p.id}
              type="button"
              role="option"
              aria-selected={p.id === selected?.id}
              className={`device-card tone-${printerTone(p)}${p.id === selected?.id ? ' selected' : ''}`}
              data-testid="printer-card"
              onClick={() => setSelectedId(p.id)}
            >
              <span className="device-card-name">{p.name}</span>
              <span className="muted small ellipsis">{p.transportLabel}</span>
              <PrinterBadges printer={p} />
              {p.pending > 0 && <span className="small">{t('printers.pending', { count: p.pending })}</span>}
            </button>
          ))}
        </div>
        <button type="button" className="add-device" onClick={() => setAdding(true)}>
          + {t('printers.add')}
        </button>
        <SsccSettingsForm />
      </div>
      {selected && (
        <PrinterDetail key={selected.id} printer={selected} simulated={simulated} timeZone={timeZone} />
      )}
      {adding && <PrinterDialog onClose={() => setAdding(false)} />}
    </div>
  );
}
