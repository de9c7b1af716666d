import { useEffect, useRef } from 'react';
import { CoreTileLayer, type FetchTile } from './core-tile-layer';
import { useLeafletMap } from './map-context';

/** The base map, tiles through core; renders nothing itself. */
export function BaseTiles({ fetchTile }: { fetchTile: FetchTile }) {
  const map = useLeafletMap();
  // The latest fetcher is used without rebuilding the layer (and refetching every tile).
  const latest = useRef(fetchTile);
  useEffect(() => {
    latest.current = fetchTile;
  });
  useEffect(() => {
    const layer = new CoreTileLayer((z, x, y) => latest.current(z, x, y));
    layer.addTo(map);
    return () => void layer.remove();
  }, [map]);
  return null;
}
