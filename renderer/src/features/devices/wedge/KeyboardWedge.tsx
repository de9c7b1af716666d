import { useEffect, useRef } from 'react';
import { useToast } from '../../../app/toasts';
import { useApi, useCommandQuery } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import { errorText } from '../device-ui';
import { visibleScan } from '../scanners/ai-meaning';
import { HeldKeys, replayKeys } from './replay';
import { wedgeScanHandlers } from '../../../app/wedge-scan';
import { WedgeSession } from './wedge-session';
import { DEFAULT_WEDGE_SETTINGS, toWedgeConfig } from './wedge-settings';

const TICK_MS = 25;
/**
 * A timer runs behind queued input: when the page was busy, the next keys of a scan may be
 * waiting while the timer already sees a long gap. The timer therefore judges gaps this much
 * later than the keys do, and skips a round that itself fired late (the page was blocked).
 */
const TICK_SLACK_MS = 60;

/**
 * Watches every keydown in the window (capture phase, before any field or shortcut sees it) and
 * tells scanner bursts from typing. Scanner keys are cancelled, so a scan never lands in a text
 * field; the finished scan goes to the active screen (`useWedgeScan`) wherever focus is. Keys
 * that turn out to be typing are replayed into the focused field a few milliseconds later.
 * On a screen without a scan handler the scan still joins the scan stream and the operator is
 * told it arrived, so it is never lost silently. Renders nothing; mount it once.
 */
export function KeyboardWedge() {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const { prefix, gsPlaceholder, suffix } = useWedgeSettings();
  const fallback = useRef<(data: string) => void>(() => undefined);
  useEffect(() => {
    fallback.current = (data) => {
      api.call('devices.submitScan', { raw: data, source: 'wedge' }).then(
        () =>
          toast({
            kind: 'success',
            title: t('wedge.received', { code: visibleScan(data).slice(0, 40) }),
            body: t('wedge.receivedHint'),
          }),
        (err: unknown) => toast({ kind: 'error', title: t('wedge.notRecorded'), body: errorText(err) }),
      );
    };
  });

  useEffect(() => {
    const session = new WedgeSession(toWedgeConfig({ prefix, gsPlaceholder, suffix }));
    const dispatching = { active: false };
    const held = new HeldKeys();
    let timer: ReturnType<typeof setInterval> | null = null;
    const deliver = (data: string) => {
      if (!wedgeScanHandlers.deliver({ data, at: Date.now() })) fallback.current(data);
    };
    const apply = (d: { replay: string[]; scans: string[] }) => {
      // Before the current key's own default action, so typed text keeps its order.
      replayKeys(held.take(d.replay), dispatching);
      if (d.scans.length > 0) held.clear();
      d.scans.forEach(deliver);
    };
    const stopTimer = () => {
      if (timer) clearInterval(timer);
      timer = null;
    };
    const onKey = (e: KeyboardEvent) => {
      if (dispatching.active || !e.isTrusted) return;
      const d = session.key(e);
      if (d.swallow) {
        e.preventDefault();
        e.stopImmediatePropagation();
        if (!e.ctrlKey) held.hold(e);
      }
      apply(d);
      if (session.busy && !timer) {
        let last = performance.now();
        timer = setInterval(() => {
          const now = performance.now();
          const late = now - last > 3 * TICK_MS;
          last = now;
          if (late) return;
          apply(session.tick(now - TICK_SLACK_MS));
          if (!session.busy) stopTimer();
        }, TICK_MS);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      // Whatever is still held was typed by a person: give it back before the settings change.
      replayKeys(held.take(session.tick(Number.POSITIVE_INFINITY).replay), dispatching);
      stopTimer();
    };
  }, [prefix, gsPlaceholder, suffix]);

  return null;
}

/** The wedge's settings from core (the defaults until core has answered). */
export function useWedgeSettings() {
  return useCommandQuery('devices.wedgeSettings', {}).data ?? DEFAULT_WEDGE_SETTINGS;
}
