/** Devices and station strings. `sv` must have every key of `en` (checked by tsc). */
export const devicesEn = {
  'nav.station': 'Station',
} as const;

export const devicesSv: Record<keyof typeof devicesEn, string> = {
  'nav.station': 'Station',
};
