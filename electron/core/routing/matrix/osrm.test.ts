import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareProblem } from '../compile';
import { osrmProvider } from './osrm';

/** A real HTTP server on 127.0.0.1 that answers like OSRM's /table service (or misbehaves on purpose). */
let server: Server;
let base = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const [, , , profile, coords] = url.pathname.split('/');
    if (profile === 'slow') return; // never answers
    if (profile === 'garbage') return void res.end('<html>502 Bad Gateway</html>');
    if (profile === 'wrong') return void res.end(JSON.stringify({ code: 'Ok', durations: [[0]] }));
    if (profile === 'refuse')
      return void res.end(JSON.stringify({ code: 'InvalidQuery', message: 'Query string malformed' }));
    const pts = (coords ?? '').split(';').map((c) => c.split(',').map(Number) as [number, number]);
    const d = pts.map((a) =>
      pts.map((b) => Math.round(Math.abs(a[0] - b[0]) * 100000 + Math.abs(a[1] - b[1]) * 100000)),
    );
    if (profile === 'island') d[0]![1] = null as unknown as number;
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        code: 'Ok',
        durations: d.map((r) => r.map((x) => (x === null ? null : x / 10))),
        distances: d,
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const coords = [
  { lat: 52.37, lon: 4.89 },
  { lat: 52.38, lon: 4.9 },
  { lat: 52.36, lon: 4.91 },
];

describe('OSRM table provider', () => {
  it('reads durations and distances from the /table answer', async () => {
    const m = await osrmProvider({ baseUrl: base }).matrix(coords, 'car');
    expect(m.n).toBe(3);
    expect(m.distances[1]).toBe(2000);
    expect(m.durations[1]).toBe(200);
    expect(requests.at(-1)).toMatch(
      /^\/table\/v1\/driving\/4\.890000,52\.370000;4\.900000,52\.380000;4\.910000,52\.360000\?annotations=duration,distance$/,
    );
  });

  it('feeds the solver through prepareProblem', async () => {
    const P = await prepareProblem(
      { jobs: [{ id: 1, location: coords[1]! }], vehicles: [{ id: 'v', start: coords[0]! }] },
      { provider: osrmProvider({ baseUrl: base }) },
    );
    expect(P.dur[0]![0 * P.n + 1]).toBe(200);
  });

  it('gives a clear error on timeout instead of hanging', async () => {
    const p = osrmProvider({ baseUrl: base, profiles: { car: 'slow' }, timeoutMs: 300 }).matrix(
      coords,
      'car',
    );
    await expect(p).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/did not answer within 0.3 s/),
    });
  });

  it('gives a clear error on garbage, wrong sizes, refusals, unreachable points and a dead server', async () => {
    const call = (profile: string, url = base) =>
      // Each of these answers (or refuses) at once; the timeout only has to never fire first.
      osrmProvider({ baseUrl: url, profiles: { car: profile }, timeoutMs: 120_000 }).matrix(coords, 'car');
    await expect(call('garbage')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/not JSON/),
    });
    await expect(call('wrong')).rejects.toMatchObject({ message: expect.stringMatching(/wrong size/) });
    await expect(call('refuse')).rejects.toMatchObject({ message: expect.stringMatching(/InvalidQuery/) });
    await expect(call('island')).rejects.toMatchObject({
      message: expect.stringMatching(/no road found between stops 0 and 1/),
    });
    await expect(call('driving', 'http://127.0.0.1:9')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/cannot reach/),
    });
  });
});
