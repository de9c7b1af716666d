import { useCallback, type ReactNode } from 'react';
import { useApi } from '../../lib/api/hooks';
import { BaseTiles } from '../../map/BaseTiles';
import type { FetchTile } from '../../map/core-tile-layer';
import { MapView } from '../../map/MapView';

/** Jönköping, where the demo fleet drives; a real site's vehicles are fitted into view anyway. */
export const FLEET_CENTER: [number, number] = [57.76, 14.16];

/** The fleet screens' one map: tiles through core, layers as children. */
export function FleetMap({
  label,
  children,
  testId,
}: {
  label: string;
  children?: ReactNode;
  testId: string;
}) {
  const api = useApi();
  const fetchTile = useCallback<FetchTile>(
    (z, x, y) =>
      api
        .call('map.tile', { z, x, y })
        .then((r) => (r.available ? { contentType: r.contentType, dataBase64: r.base64 } : null)),
    [api],
  );
  return (
    <MapView center={FLEET_CENTER} zoom={12} label={label} className="fleet-map" testId={testId}>
      <BaseTiles fetchTile={fetchTile} />
      {children}
    </MapView>
  );
}
