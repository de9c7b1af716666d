import { useMemo, useRef, useState, useLayoutEffect } from 'react';
import { DateField } from '../../app/date-field';
import type { Edit } from './plan-edit';
import { addDays, isoDate } from '@shared/domain/time';
import { useCommandQuery } from '../../lib/api/hooks';
import { longDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { DispatchDialog } from './DispatchDialog';
import { FleetPanel } from './FleetPanel';
import { ImportDialog } from './ImportDialog';
import { OptimizeControl } from './OptimizeControl';
import { OrderDialog } from './OrderDialog';
import { OrdersPanel } from './OrdersPanel';
import { draftOf } from './plan-draft';
import { PlanMap } from './PlanMap';
import { PlanSummaryBar } from './PlanSummaryBar';
import { Printouts } from './Printouts';
import { routeColor } from './route-colors';
import { RouteList } from './RouteList';
import { RouteTimeline } from './RouteTimeline';
import { useStopDrag } from './stop-drag';
import { useOptimizeRun } from './use-optimize-run';
import { usePlanEditor } from './use-plan-editor';
import { VersionsControl } from './VersionsControl';
import './routes.css';
import { TabList } from '../../app/tab-list';

type Tab = 'plan' | 'orders' | 'fleet';
type Dialog = 'import' | 'order' | 'dispatch' | null;

/** The dispatcher's planning screen: a day's orders into routes, edited safely, then dispatched. */
export function RoutesPage({ timeZone }: { timeZone: string }) {
  const { t, locale } = useI18n();
  const [date, setDate] = useState(() => isoDate(Date.now(), timeZone));
  const [tab, setTab] = useState<Tab>('plan');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const settings = useCommandQuery('routes.getSettings', {});
  const orders = useCommandQuery('routes.listOrders', { date });
  const vehicles = useCommandQuery('routes.listVehicles', { date });
  const drivers = useCommandQuery('routes.listDrivers', { date });
  const plan = useCommandQuery('routes.getPlan', { date });

  const dayVehicles = useMemo(() => (vehicles.data ?? []).filter((v) => v.available), [vehicles.data]);
  const dayDrivers = useMemo(() => (drivers.data ?? []).filter((d) => d.available), [drivers.data]);
  const orderMap = useMemo(() => new Map((orders.data ?? []).map((o) => [o.id, o])), [orders.data]);
  const run = useOptimizeRun(date);
  const optimizing = run.progress !== null;
  const editor = usePlanEditor(date, plan.data, dayVehicles, optimizing);
  const draft = useMemo(() => (plan.data ? draftOf(plan.data, dayVehicles) : null), [plan.data, dayVehicles]);
  const colors = useMemo(
    () => new Map((draft?.routes ?? []).map((r, i) => [r.vehicleId, routeColor(i)])),
    [draft],
  );

  // After a keyboard move the stop is re-drawn in its new place: give it the focus back there.
  const refocus = useRef<{ stopId: string; area: string } | null>(null);
  useLayoutEffect(() => {
    const r = refocus.current;
    if (!r) return;
    const el = document.querySelector<HTMLElement>(`[data-testid="${r.area}"] [data-stop-id="${r.stopId}"]`);
    if (el) {
      el.focus();
      refocus.current = null;
    }
  }, [plan.data]);
  const edit = (e: Edit) => {
    const active = document.activeElement as HTMLElement | null;
    const area = active?.closest<HTMLElement>('[data-testid="route-list"], [data-testid="route-timeline"]');
    if (e.kind === 'move' && active?.dataset.stopId === e.stopId && area?.dataset.testid)
      refocus.current = { stopId: e.stopId, area: area.dataset.testid };
    editor.apply(e);
  };
  const { drag, handlers } = useStopDrag(
    (stopId, target) =>
      editor.apply({ kind: 'move', stopId, vehicleId: target.vehicleId, index: target.index }),
    setSelected,
  );

  // The list and the timeline are two views of one draft: same colours, selection, drag and edits.
  const viewProps = {
    colors,
    timeZone,
    selected,
    drag,
    dragHandlers: handlers,
    onSelect: setSelected,
    onEdit: edit,
  };

  const changeDate = (next: string) => {
    setDate(next);
    setSelected(null);
  };

  const failed = [settings, orders, vehicles, drivers, plan].find((q) => q.isError);
  const ready = plan.data && draft && settings.data && orders.data && vehicles.data && drivers.data;
  const hasOrders = (orders.data?.length ?? 0) > 0;
  const planned = (plan.data?.summary.served ?? 0) > 0;
  const dispatched = plan.data?.status === 'dispatched';

  return (
    <section className="routes" data-testid="routes-page">
      <div className="toolbar">
        <h1>{t('routes.title')}</h1>
        <div className="date-nav">
          <button type="button" aria-label={t('dock.prevDay')} onClick={() => changeDate(addDays(date, -1))}>
            ‹
          </button>
          <button type="button" onClick={() => changeDate(isoDate(Date.now(), timeZone))}>
            {t('dock.today')}
          </button>
          <button type="button" aria-label={t('dock.nextDay')} onClick={() => changeDate(addDays(date, 1))}>
            ›
          </button>
          <DateField
            label={t('dock.date')}
            hideLabel
            value={date}
            onChange={changeDate}
            testId="routes-date-field"
          />
          <span className="date-long" data-testid="routes-date">
            {longDate(date, locale)}
          </span>
        </div>
        <span className="spacer" />
        {ready && (
          <>
            <div className="undo-redo">
              <button
                type="button"
                disabled={!editor.canUndo}
                onClick={editor.undo}
                title={t('routes.undoKey')}
                aria-keyshortcuts="Control+Z"
              >
                {t('routes.undo')}
              </button>
              <button
                type="button"
                disabled={!editor.canRedo}
                onClick={editor.redo}
                title={t('routes.redoKey')}
                aria-keyshortcuts="Control+Shift+Z"
              >
                {t('routes.redo')}
              </button>
            </div>
            <OptimizeControl
              key={date}
              date={date}
              run={run}
              hasOrders={hasOrders}
              hasVehicles={dayVehicles.length > 0}
              hasLocked={plan.data!.routes.some((r) => r.locked || r.lockedStops > 0)}
              defaultLimit={settings.data!.defaultTimeLimitSec}
            />
          </>
        )}
      </div>

      {!ready && failed ? (
        <div className="refusal" role="alert">
          <strong>{t('routes.loadFailed')}</strong>
          <p>{failed.error?.message}</p>
          <button type="button" onClick={() => void failed.refetch()}>
            {t('common.retry')}
          </button>
        </div>
      ) : !ready ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <PlanSummaryBar plan={plan.data!} orders={orders.data!.length} vehicles={dayVehicles.length}>
            <VersionsControl date={date} plan={plan.data!} timeZone={timeZone} frozen={optimizing} />
            <button
              type="button"
              disabled={!planned || optimizing}
              title={optimizing ? t('routes.optimize.frozen') : undefined}
              onClick={() => setDialog('dispatch')}
            >
              {t('routes.dispatch.open')}
            </button>
          </PlanSummaryBar>
          {optimizing && (
            <p className="routes-frozen small" role="note" data-testid="optimize-frozen">
              {t('routes.optimize.frozen')}
            </p>
          )}
          <div className="routes-body">
            <aside className="routes-side">
              <div className="side-head">
                <TabList
                  tabs={['plan', 'orders', 'fleet'] as const}
                  value={tab}
                  onChange={setTab}
                  label={(v) =>
                    t(`routes.tab.${v}`, {
                      count: v === 'orders' ? orders.data!.length : dayVehicles.length,
                    })
                  }
                />
                <span className="spacer" />
                <button type="button" onClick={() => setDialog('import')}>
                  {t('routes.import.open')}
                </button>
                <button type="button" onClick={() => setDialog('order')}>
                  {t('routes.order.new')}
                </button>
              </div>
              <div className="side-body">
                {!hasOrders && tab !== 'fleet' ? (
                  <div className="empty" data-testid="routes-empty">
                    <p>
                      <strong>{t('routes.empty.title')}</strong>
                    </p>
                    <p>{t('routes.empty.body')}</p>
                    <p className="small">
                      {t('routes.empty.fleet', { vehicles: dayVehicles.length, drivers: dayDrivers.length })}
                    </p>
                    <div className="actions center">
                      <button type="button" className="primary" onClick={() => setDialog('import')}>
                        {t('routes.import.open')}
                      </button>
                      <button type="button" onClick={() => setDialog('order')}>
                        {t('routes.order.new')}
                      </button>
                    </div>
                  </div>
                ) : tab === 'plan' ? (
                  <>
                    {dispatched && (
                      <Printouts
                        date={date}
                        drivers={dayDrivers.filter((d) => plan.data!.routes.some((r) => r.driverId === d.id))}
                      />
                    )}
                    <RouteList
                      plan={plan.data!}
                      draft={draft!}
                      orders={orderMap}
                      drivers={dayDrivers}
                      {...viewProps}
                    />
                  </>
                ) : tab === 'orders' ? (
                  <OrdersPanel
                    orders={orders.data!}
                    plan={plan.data!}
                    selected={selected}
                    onSelect={setSelected}
                  />
                ) : (
                  <FleetPanel date={date} vehicles={vehicles.data!} drivers={drivers.data!} />
                )}
              </div>
            </aside>
            <div className="routes-map">
              <PlanMap
                plan={plan.data!}
                orders={orderMap}
                colors={colors}
                timeZone={timeZone}
                selected={selected}
                fitKey={`${date}:${plan.data!.routes.length}:${orders.data!.length}`}
                tileAttribution={settings.data?.tileUrl ? settings.data.tileAttribution : undefined}
                onSelect={setSelected}
              />
            </div>
            <div className="routes-timeline">
              <RouteTimeline
                date={date}
                plan={plan.data!}
                draft={draft!}
                vehicles={dayVehicles}
                {...viewProps}
              />
            </div>
          </div>
        </>
      )}

      {dialog === 'import' && settings.data && (
        <ImportDialog date={date} dimensions={settings.data.dimensions} onClose={() => setDialog(null)} />
      )}
      {dialog === 'order' && settings.data && (
        <OrderDialog
          date={date}
          dimensions={settings.data.dimensions}
          near={settings.data.depot}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'dispatch' && plan.data && (
        <DispatchDialog
          date={date}
          plan={plan.data}
          drivers={dayDrivers}
          timeZone={timeZone}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  );
}
