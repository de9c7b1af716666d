/** Core's violations and unassigned reasons in the operator's language, from their facts. */
import type { PlanViolation, UnassignedOrder } from '@shared/contract';
import type { Translate } from '../../lib/i18n';

function amount(n: number | undefined): string {
  return n === undefined ? '?' : String(Math.round(n * 10) / 10);
}

export function violationText(v: PlanViolation, t: Translate): string {
  const minutes = Math.max(1, Math.round(v.minutesOver ?? 0));
  switch (v.code) {
    case 'late':
      return t('routes.violation.late', { minutes });
    case 'capacity':
      return v.dimension
        ? t('routes.violation.capacity', {
            dimension: v.dimension,
            amount: amount(v.amount),
            limit: amount(v.limit),
          })
        : v.message;
    case 'skill':
      return t('routes.violation.skill', { skill: v.skill ?? '?' });
    case 'shift_end':
      return t('routes.violation.shiftEnd', { minutes });
    case 'max_duration':
      return t('routes.violation.maxDuration', { minutes });
    case 'max_distance':
      return t('routes.violation.maxDistance', { amount: amount(v.amount), limit: amount(v.limit) });
    case 'break':
      return t('routes.violation.break');
    case 'precedence':
      return t('routes.violation.precedence');
    case 'pair_split':
      return t('routes.violation.pairSplit');
    case 'trips':
      return t('routes.violation.trips');
    case 'driver_unavailable':
      return t('routes.violation.driverUnavailable');
    case 'vehicle_unavailable':
      return t('routes.violation.vehicleUnavailable');
    case 'duplicate':
      return t('routes.violation.duplicate');
    case 'unknown_order':
      return t('routes.violation.unknownOrder');
    default:
      return v.message;
  }
}

export function unassignedText(u: UnassignedOrder, t: Translate): string {
  switch (u.reason) {
    case 'no_vehicle':
      return t('routes.unassigned.noVehicle');
    case 'skills':
      return t('routes.unassigned.skills');
    case 'capacity':
      return t('routes.unassigned.capacity');
    case 'time_window':
      return t('routes.unassigned.timeWindow');
    case 'max_duration':
      return t('routes.unassigned.maxDuration');
    case 'max_distance':
      return t('routes.unassigned.maxDistance');
    case 'breaks':
      return t('routes.unassigned.breaks');
    case 'no_room':
      return t('routes.unassigned.noRoom');
    case 'not_planned':
      return t('routes.unassigned.notPlanned');
    default:
      return u.message;
  }
}
