import { execAll, type Migration } from '../migrate';

/**
 * An appointment's timeline after "scheduled" (arrived, at door, loading, done, departed), as a
 * JSON array of `{at, by, stage, source}` in the order they happened; NULL while only scheduled.
 */
export const m0013AppointmentTimeline: Migration = {
  version: 13,
  name: 'appointment-timeline',
  async up(tx) {
    await execAll(tx, `ALTER TABLE appointments ADD COLUMN timeline TEXT CHECK (timeline IS NULL OR json_valid(timeline));`);
  },
};
