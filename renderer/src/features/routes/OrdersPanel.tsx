import { useState } from 'react';
import type { Order, Plan } from '@shared/contract';
import { useToast } from '../../app/toasts';
import { useApi } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { windowText } from './RouteList';

function amounts(a: Record<string, number>): string {
  return Object.entries(a)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
}

/** The day's orders: what each needs and where it is planned. */
export function OrdersPanel({
  orders,
  plan,
  selected,
  onSelect,
}: {
  orders: Order[];
  plan: Plan;
  selected: string | null;
  onSelect(id: string): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  // Deleting asks once more on the same spot: an order deleted by a stray click is gone for good.
  const [confirming, setConfirming] = useState<string | null>(null);
  const where = new Map<string, string>();
  for (const r of plan.routes)
    for (const s of r.stops) if (s.orderId) where.set(s.orderId, `${r.vehicleName} #${s.seq ?? ''}`);

  async function remove(order: Order) {
    try {
      await api.call('routes.deleteOrder', { id: order.id });
      toast({ kind: 'success', title: t('routes.order.deleted', { reference: order.reference }) });
    } catch (err) {
      toast({
        kind: 'error',
        title: t('routes.order.deleteFailed'),
        body: err instanceof Error ? err.message : '',
      });
    }
  }

  return (
    <ul className="order-list" data-testid="order-list">
      {orders.map((o) => (
        <li key={o.id} className={o.id === selected ? 'selected' : undefined}>
          <button type="button" className="order-main" onClick={() => onSelect(o.id)}>
            <span className="stop-title">
              <strong>{o.reference}</strong> {o.customer}
            </span>
            <span className="stop-note">
              {[
                o.kind === 'pickup' ? t('routes.kind.pickup') : null,
                o.timeWindows.map(windowText).join(', ') || t('routes.order.anyTime'),
                amounts(o.demand),
                o.skills.join(', '),
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
            <span className="stop-note">{where.get(o.id) ?? t('routes.order.notPlanned')}</span>
          </button>
          {confirming === o.id ? (
            <span className="confirm-delete">
              <button type="button" className="danger" onClick={() => void remove(o)}>
                {t('routes.order.confirmDelete')}
              </button>
              <button type="button" onClick={() => setConfirming(null)}>
                {t('common.cancel')}
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="ghost"
              aria-label={t('routes.order.delete', { reference: o.reference })}
              title={t('routes.order.delete', { reference: o.reference })}
              onClick={() => setConfirming(o.id)}
            >
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
