import { useEffect, useRef } from 'react';

/** A scan the keyboard-wedge scanner typed; `data` has GS as U+001D, prefix and suffix removed. */
export interface WedgeScan {
  data: string;
  /** Epoch milliseconds. */
  at: number;
}

export type ScanHandler = (scan: WedgeScan) => void;

/**
 * Who receives keyboard-wedge scans: the most recently registered screen, else the fallback.
 * One renderer has one keyboard, so one registry per window is the right scope.
 */
export class ScanHandlers {
  private stack: { current: ScanHandler }[] = [];

  register(handler: { current: ScanHandler }): () => void {
    this.stack.push(handler);
    return () => {
      this.stack = this.stack.filter((h) => h !== handler);
    };
  }

  /** Delivers to the top handler; returns false when none is registered. */
  deliver(scan: WedgeScan): boolean {
    const top = this.stack[this.stack.length - 1];
    if (!top) return false;
    top.current(scan);
    return true;
  }
}

export const wedgeScanHandlers = new ScanHandlers();

/**
 * Receives keyboard-wedge scans while the component is mounted (the latest mounted wins). The
 * wedge itself (`features/devices/wedge/KeyboardWedge.tsx`) tells scans from typing and delivers
 * here; screens of any feature (the station, the lock screen, the users dialog) take them.
 */
export function useWedgeScan(handler: ScanHandler): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => wedgeScanHandlers.register(ref), []);
}
