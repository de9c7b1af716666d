import { useState } from 'react';
import {
  DRIVER_STATES,
  ZONES,
  type BoardJob,
  type DispatchBoard,
  type DriverState,
  type Zone,
} from '@shared/contract';
import { isoDate } from '@shared/domain/time';
import { DateField } from '../../app/date-field';
import { TabList } from '../../app/tab-list';
import { useCommandMutation, useCommandQuery } from '../../lib/api/hooks';
import { clock } from '../../lib/format';
import { useI18n, type Translate } from '../../lib/i18n';
import { refusalText } from '../../lib/input-issues';
import './dispatch.css';

const LISTS = ['assigned', 'offered', 'unassigned', 'late', 'escalated'] as const;
type List = (typeof LISTS)[number];

/**
 * The operations board: the day's jobs (routes and single orders on offer) by state, with counts,
 * a zone and depot filter, zone health and each driver's availability. Offers move by themselves
 * (core's engine re-offers and escalates); the board follows through `dispatch.changed`.
 */
export function DispatchPage({ timeZone }: { timeZone: string }) {
  const { t } = useI18n();
  const [date, setDate] = useState(() => isoDate(Date.now(), timeZone));
  const [zone, setZone] = useState<Zone | ''>('');
  const [depot, setDepot] = useState('');
  const [list, setList] = useState<List>('escalated');
  const [error, setError] = useState<string | null>(null);
  const board = useCommandQuery(
    'dispatch.board',
    { date, ...(zone ? { zone } : {}), ...(depot ? { depot } : {}) },
    { refetchInterval: 15_000 },
  );
  const b = board.data;
  const fail = (err: unknown) => setError(refusalText(err, t) ?? (err instanceof Error ? err.message : String(err)));

  return (
    <div className="ops" data-testid="ops-board">
      <div className="ops-toolbar">
        <h1>{t('ops.title')}</h1>
        <DateField label={t('ops.date')} value={date} onChange={setDate} testId="ops-date" />
        <button type="button" onClick={() => setDate(isoDate(Date.now(), timeZone))}>
          {t('ops.today')}
        </button>
        <label>
          {t('ops.zone')}{' '}
          <select value={zone} onChange={(e) => setZone(e.target.value as Zone | '')} data-testid="ops-zone">
            <option value="">{t('ops.all')}</option>
            {ZONES.map((z) => (
              <option key={z} value={z}>
                {t(`ops.zone.${z}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ops.depot')}{' '}
          <select value={depot} onChange={(e) => setDepot(e.target.value)} data-testid="ops-depot">
            <option value="">{t('ops.all')}</option>
            {(b?.depots ?? []).map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </div>
      {b && (
        <>
          <div className="ops-counts">
            {LISTS.map((l) => (
              <button
                key={l}
                type="button"
                className={`ops-count ops-count-${l}${list === l ? ' active' : ''}`}
                data-count={l}
                onClick={() => setList(l)}
              >
                <span className="ops-count-value">{b.counts[l]}</span>
                <span className="ops-count-label">{t(`ops.count.${l}`)}</span>
              </button>
            ))}
          </div>
          {b.jobs.length === 0 && !zone && !depot ? (
            <p className="muted ops-empty">{t('ops.empty')}</p>
          ) : null}
          <div className="ops-body">
            <section className="ops-list" aria-label={t(`ops.count.${list}`)}>
              <TabList tabs={LISTS} value={list} onChange={setList} label={(l) => `${t(`ops.count.${l}`)} (${b.counts[l]})`} />
              <JobTable jobs={jobsOf(b, list)} timeZone={timeZone} date={date} onError={fail} />
            </section>
            <aside className="ops-side">
              <ZoneHealthTable board={b} t={t} />
              <Drivers board={b} onError={fail} />
            </aside>
          </div>
        </>
      )}
    </div>
  );
}

function jobsOf(b: DispatchBoard, list: List): BoardJob[] {
  return list === 'late' ? b.jobs.filter((j) => j.late) : b.jobs.filter((j) => j.state === list);
}

function JobTable({
  jobs,
  timeZone,
  date,
  onError,
}: {
  jobs: BoardJob[];
  timeZone: string;
  date: string;
  onError(err: unknown): void;
}) {
  const { t } = useI18n();
  const offer = useCommandMutation('dispatch.offer');
  if (jobs.length === 0) return <p className="muted">{t('ops.emptyList')}</p>;
  return (
    <table className="ops-table" data-testid="ops-jobs">
      <thead>
        <tr>
          <th>{t('ops.col.job')}</th>
          <th>{t('ops.col.stops')}</th>
          <th>{t('ops.col.zone')}</th>
          <th>{t('ops.col.who')}</th>
          <th>{t('ops.col.status')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {jobs.map((j) => (
          <tr key={j.id} data-job={j.label} data-state={j.state}>
            <td>
              <span className="ops-kind">{t(j.kind === 'route' ? 'ops.route' : 'ops.order')}</span> {j.label}
            </td>
            <td className="num">{j.orderIds.length}</td>
            <td>{t(`ops.zone.${j.zone}`)}</td>
            <td>
              {j.assignee?.name ??
                (j.offer ? t('ops.offeredTo', { name: j.offer.candidate.name, time: clock(j.offer.expiresAt, timeZone) }) : '—')}
            </td>
            <td>
              {j.state === 'escalated' && j.escalation ? (
                <span className="ops-escalation">{t(`ops.escalation.${j.escalation}`)}</span>
              ) : j.state === 'unassigned' && j.reason ? (
                <span className="ops-reason">{j.reason}</span>
              ) : (
                t(`ops.count.${j.state === 'cancelled' ? 'unassigned' : j.state}`)
              )}
              {j.failures > 0 && <span className="muted"> · {t('ops.failures', { count: j.failures })}</span>}
              {j.late && j.startsAt !== null && (
                <span className="ops-late"> · {t('ops.lateFrom', { time: clock(j.startsAt, timeZone) })}</span>
              )}
            </td>
            <td>
              {(j.state === 'escalated' || j.state === 'unassigned') && (
                <button
                  type="button"
                  disabled={offer.isPending}
                  onClick={() => offer.mutate({ date, jobId: j.id }, { onError })}
                >
                  {t('ops.offerAgain')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ZoneHealthTable({ board, t }: { board: DispatchBoard; t: Translate }) {
  const zones = board.zones.filter((z) => z.orders > 0 || z.drivers > 0);
  return (
    <section className="ops-zones" aria-label={t('ops.zones')} data-testid="ops-zones">
      <h2>{t('ops.zones')}</h2>
      {zones.length === 0 ? (
        <p className="muted">{t('ops.emptyList')}</p>
      ) : (
        <table className="ops-table">
          <thead>
            <tr>
              <th>{t('ops.zoneCol')}</th>
              <th>{t('ops.zoneOrders')}</th>
              <th>{t('ops.zoneWaiting')}</th>
              <th>{t('ops.zoneDrivers')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {zones.map((z) => (
              <tr key={z.zone} data-zone={z.zone}>
                <td>{t(`ops.zone.${z.zone}`)}</td>
                <td className="num">{z.orders}</td>
                <td className="num">{z.waiting}</td>
                <td className="num">{z.drivers}</td>
                <td>
                  <span className={`ops-health ops-health-${z.health}`}>{t(`ops.health.${z.health}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">{t('ops.freeDrivers', { count: board.freeDrivers })}</p>
    </section>
  );
}

function Drivers({ board, onError }: { board: DispatchBoard; onError(err: unknown): void }) {
  const { t } = useI18n();
  const set = useCommandMutation('dispatch.setAvailability');
  return (
    <section className="ops-drivers" aria-label={t('ops.drivers')}>
      <h2>{t('ops.drivers')}</h2>
      <ul>
        {board.drivers.map((d) => (
          <li key={d.id} data-driver={d.name}>
            <span>
              {d.name}
              {d.jobId && <span className="muted"> · {t('ops.onRoute')}</span>}
            </span>
            <select
              aria-label={t('ops.driverState', { name: d.name })}
              value={d.state}
              disabled={set.isPending}
              onChange={(e) => set.mutate({ driverId: d.id, state: e.target.value as DriverState }, { onError })}
            >
              {DRIVER_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`ops.state.${s}`)}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
    </section>
  );
}
