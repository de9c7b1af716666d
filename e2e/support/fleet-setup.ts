import { freePort } from './host-process';
import type { HostControl } from './fixtures';
import { WsClient } from './ws-client';

/**
 * Fleet fixtures: vehicles with trackers made through core's commands, the position listener
 * moved to a free port (5055 may be taken on a shared machine), and a poster that reports like a
 * phone running Traccar Client.
 */
export async function setUpTracking(host: HostControl, names: string[]) {
  const ws = await WsClient.connect(host.current().url);
  const call = async <T = any>(name: string, input: unknown): Promise<T> => {
    const r = await ws.call(name, input);
    if (!r.ok) throw new Error(`${name} refused: ${r.error.message}`);
    return r.value as T;
  };
  const port = await freePort();
  await call('fleet.updateSettings', { listener: { port } });
  const vehicles: { id: string; name: string; uid: string }[] = [];
  for (const [i, name] of names.entries()) {
    const v = await call<{ id: string }>('routes.createVehicle', { name, plate: `E2E ${100 + i}` });
    const uid = `sim-${String(i + 1).padStart(4, '0')}`;
    await call('fleet.saveTracker', { uid, vehicleId: v.id });
    vehicles.push({ id: v.id, name, uid });
  }
  const post = async (uid: string, lat: number, lon: number, at: number, kmh: number) => {
    const res = await fetch(
      `http://127.0.0.1:${port}/?id=${uid}&lat=${lat}&lon=${lon}&timestamp=${at}&speed=${kmh / 1.852}`,
      { method: 'POST' },
    );
    if (res.status !== 200) throw new Error(`listener answered ${res.status}: ${await res.text()}`);
  };
  return { ws, call, port, vehicles, post, close: () => ws.close() };
}

/** A day's drive for one vehicle: out along a street, a 15-minute stop, on, parked. */
export function drive(
  start: number,
  lat: number,
  lon: number,
): { at: number; lat: number; lon: number; kmh: number }[] {
  const out: { at: number; lat: number; lon: number; kmh: number }[] = [];
  let t = start;
  const leg = (seconds: number, dLat: number, dLon: number, kmh: number) => {
    for (let s = 0; s < seconds; s += 30) {
      out.push({ at: t, lat, lon, kmh });
      lat += (dLat * 30) / seconds;
      lon += (dLon * 30) / seconds;
      t += 30_000;
    }
  };
  leg(600, 0, 0, 0);
  leg(900, 0.03, 0.02, 45);
  leg(900, 0, 0, 0);
  leg(900, -0.02, 0.03, 45);
  leg(600, 0, 0, 0);
  return out;
}
