import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { DevicesOverview } from '@shared/contract';
import { useEvent } from '../../lib/api/hooks';

const OVERVIEW_KEY = ['devices.overview', {}];
const JOB_REFETCH_MS = 250;

/**
 * Applies the fine-grained device events to what is on screen at once: printer, door and scanner
 * state straight into the overview, job and batch changes by refetching the job lists. The
 * coalesced `devices.changed` still refetches everything, so a missed event heals itself.
 */
export function useLiveDevices(): void {
  const client = useQueryClient();
  const patch = (fn: (o: DevicesOverview) => DevicesOverview) =>
    client.setQueryData<DevicesOverview>(OVERVIEW_KEY, (o) => (o ? fn(o) : o));
  const refetch = (prefix: string) =>
    void client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]) === prefix });

  useEvent('devices.printerStatus', (runtime) =>
    patch((o) => ({
      ...o,
      printers: o.printers.map((p) => (p.id === runtime.printerId ? { ...p, runtime } : p)),
    })),
  );
  useEvent('devices.door', (door) =>
    patch((o) => ({ ...o, doors: o.doors.map((d) => (d.doorId === door.doorId ? door : d)) })),
  );
  useEvent('devices.scannerStatus', (status) =>
    patch((o) => ({
      ...o,
      scanners: o.scanners.map((s) => (s.id === status.scannerId ? { ...s, status } : s)),
    })),
  );
  // A batch sends hundreds of job events a second: refetch the lists at most a few times a second.
  const pendingRefetch = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(pendingRefetch.current ?? undefined), []);
  useEvent('devices.job', () => {
    if (pendingRefetch.current) return;
    pendingRefetch.current = setTimeout(() => {
      pendingRefetch.current = null;
      refetch('devices.listJobs');
      refetch('devices.overview');
    }, JOB_REFETCH_MS);
  });
  useEvent('devices.batch', (batch) =>
    client.setQueryData(['devices.getBatch', { batchId: batch.batchId }], batch),
  );
}
