/** Route planning strings. `sv` must have every key of `en` (checked by tsc). */
export const routesEn = {
  'routes.title': 'Route planning',
} as const;

export const routesSv: Record<keyof typeof routesEn, string> = {
  'routes.title': 'Ruttplanering',
};
