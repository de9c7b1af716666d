import { execAll, type Migration } from '../migrate';

/**
 * A machine-readable code next to a print job's English reason (`JOB_REASONS` in the contract),
 * so the UI can say it in the operator's language. Older rows keep a null code: the UI then
 * shows their English text.
 */
export const m0005PrintJobReasonCodes: Migration = {
  version: 5,
  name: 'print-job-reason-codes',
  async up(tx) {
    await execAll(tx, `ALTER TABLE print_jobs ADD COLUMN reason_code TEXT;`);
  },
};
