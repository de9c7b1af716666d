import { useEvent } from '../lib/api/hooks';
import { useI18n } from '../lib/i18n';
import { useToast } from './toasts';

/** A scanned code that is a dock gate pass (`GP…`): the dock checks the truck in or out with it. */
export const GATE_PASS = /^GP[0-9A-F]{12}(-\d{6})?$/i;

/**
 * Tells the operator what a gate pass scan did (checked in, checked out) or why not, on the dock
 * board and the station screen alike: any scanner on this workstation can read a pass.
 */
export function useGateScanToasts(): void {
  const toast = useToast();
  const { t } = useI18n();
  useEvent('dock.gateScan', (r) => {
    if (r.ok && r.stage) {
      toast({ kind: 'success', title: t('gate.scanned', { reference: r.reference ?? r.code, stage: t(`stage.${r.stage}`) }) });
    } else {
      toast({ kind: 'error', title: t('gate.refused', { code: r.code }), body: r.message });
    }
  });
}
