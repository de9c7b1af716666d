import { useEffect, useRef } from 'react';
import { CoreTileLayer, type FetchTile } from './core-tile-layer';
import { useLeafletMap } from './map-context';
import { OVERVIEW_ATTRIBUTION } from './overview/codec';
import { OverviewLayer } from './overview/overview-layer';

/**
 * The base map: the bundled offline overview map (never blank), with the configured tile
 * server's tiles, through core, drawn over it where they are available. Renders nothing itself.
 */
export function BaseTiles({ fetchTile, attribution }: { fetchTile: FetchTile; attribution?: string }) {
  const map = useLeafletMap();
  // The latest fetcher is used without rebuilding the layer (and refetching every tile).
  const latest = useRef(fetchTile);
  useEffect(() => {
    latest.current = fetchTile;
  });
  useEffect(() => {
    const overview = new OverviewLayer({ attribution: OVERVIEW_ATTRIBUTION });
    overview.addTo(map);
    return () => void overview.remove();
  }, [map]);
  useEffect(() => {
    const layer = new CoreTileLayer((z, x, y) => latest.current(z, x, y), {
      attribution: attribution?.trim() || undefined,
    });
    layer.addTo(map);
    return () => void layer.remove();
  }, [map, attribution]);
  return null;
}
