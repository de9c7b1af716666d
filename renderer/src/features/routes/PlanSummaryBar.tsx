import type { ReactNode } from 'react';
import type { Plan } from '@shared/contract';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

/** The day's numbers at a glance; they follow every edit because core re-evaluates each one. */
export function PlanSummaryBar({
  plan,
  orders,
  vehicles,
  children,
}: {
  plan: Plan;
  orders: number;
  vehicles: number;
  /** The plan's own actions (versions, dispatch), at the end of the bar. */
  children?: ReactNode;
}) {
  const { t, locale } = useI18n();
  const n = (value: number, decimals = 0) => formatNumber(value, locale, { decimals });
  const s = plan.summary;
  const facts: { key: string; label: string; value: string; bad?: boolean }[] = [
    { key: 'orders', label: t('routes.sum.orders'), value: n(orders) },
    { key: 'served', label: t('routes.sum.served'), value: n(s.served) },
    {
      key: 'unassigned',
      label: t('routes.sum.unassigned'),
      value: n(s.unassigned),
      bad: s.unassigned > 0,
    },
    {
      key: 'vehicles',
      label: t('routes.sum.vehicles'),
      value: t('routes.sum.ofVehicles', { used: n(s.vehicles), total: n(vehicles) }),
    },
    { key: 'km', label: t('routes.sum.km'), value: n(s.km, 1) },
    { key: 'hours', label: t('routes.sum.hours'), value: n(s.hours, 1) },
    { key: 'cost', label: t('routes.sum.cost'), value: n(s.cost) },
    {
      key: 'violations',
      label: t('routes.sum.violations'),
      value: n(s.violations),
      bad: s.violations > 0,
    },
  ];
  return (
    <div className="plan-summary" data-testid="plan-summary">
      {facts.map((f) => (
        <div key={f.key} className={`fact${f.bad ? ' bad' : ''}`} data-fact={f.key}>
          <span className="fact-value">{f.value}</span>
          <span className="fact-label">{f.label}</span>
        </div>
      ))}
      <span className="spacer" />
      <span className={`badge status-${plan.status}`} data-testid="plan-status">
        {t(`routes.status.${plan.status}`)}
        {plan.version ? ` · v${plan.version}` : ''}
      </span>
      {children}
    </div>
  );
}

/** Where the distances come from, and a warning when the road-network service failed. */
export function MatrixNote({ plan }: { plan: Plan }) {
  const { t } = useI18n();
  return plan.matrixNote ? (
    <span className="small warn-text" title={plan.matrixNote}>
      {t('routes.matrix.fallback')}
    </span>
  ) : (
    <span className="small muted">
      {t(plan.matrix === 'osrm' ? 'routes.matrix.osrm' : 'routes.matrix.haversine')}
    </span>
  );
}
