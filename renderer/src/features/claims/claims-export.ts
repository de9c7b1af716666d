/** Claims and their lines as export tables (CSV, XLSX), headings translated, amounts in major units. */
import type { Claim } from '@shared/contract';
import type { ExportTable } from '@shared/export/table';
import { currencyDigits } from '../../lib/format';
import type { Translate } from '../../lib/i18n';

const major = (minor: number | null, currency: string) => (minor === null ? null : minor / 10 ** currencyDigits(currency));

export function claimsTables(claims: readonly Claim[], t: Translate): { claims: ExportTable; lines: ExportTable } {
  return {
    claims: {
      name: t('claims.export.sheetClaims'),
      columns: [
        t('claims.col.number'),
        t('claims.col.carrier'),
        t('claims.col.type'),
        t('claims.col.status'),
        t('claims.field.shipmentRef'),
        t('claims.col.delivered'),
        t('claims.field.filed'),
        t('claims.field.currency'),
        t('claims.col.claimed'),
        t('claims.field.approved'),
        t('claims.field.paid'),
        t('claims.field.denial'),
        t('claims.field.ssccs'),
      ],
      rows: claims.map((c) => [
        c.number,
        c.carrierName,
        t(`claims.type.${c.type}`),
        t(`claims.status.${c.status}`),
        c.shipmentRef,
        c.deliveredOn,
        c.filedOn,
        c.currency,
        major(c.claimedMinor, c.currency),
        major(c.approvedMinor, c.currency),
        major(c.paidMinor, c.currency),
        c.denial ? t(`claims.denial.${c.denial.reason}`) : null,
        c.ssccs.join(' '),
      ]),
    },
    lines: {
      name: t('claims.export.sheetLines'),
      columns: [
        t('claims.col.number'),
        t('claims.col.carrier'),
        t('claims.line.description'),
        t('claims.line.sscc'),
        t('claims.line.quantity'),
        t('claims.field.currency'),
        t('claims.export.unitValue'),
        t('claims.col.claimed'),
      ],
      rows: claims.flatMap((c) =>
        c.lines.map((l) => [
          c.number,
          c.carrierName,
          l.description,
          l.sscc,
          l.quantity,
          c.currency,
          major(l.unitValueMinor, c.currency),
          major(l.claimedMinor, c.currency),
        ]),
      ),
    },
  };
}
