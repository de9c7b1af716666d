/**
 * `npm run -s bench:fleet`: fleet tracking's three figures, each measured on the real code —
 * ingestion into SQLite, a 24 h replay of 500 vehicles out of 10 M stored positions, and the live
 * map's frame rate in Chromium with 5,000 vehicles reporting every second. The machine's load is
 * printed with them: these are wall-clock figures. The last line is JSON.
 *
 * Needs a build (`npm run build`) for the map part; BENCH_VEHICLES changes the 5,000.
 */
import os from 'node:os';
import { benchIngest } from './lib/fleet-bench-ingest';
import { benchMap } from './lib/fleet-bench-map';
import { benchReplay } from './lib/fleet-bench-replay';

const log = (line: string) => console.log(line);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

log(`machine: ${os.cpus().length} cores, load average ${load()}`);
const ingest = await benchIngest();
log(
  `ingestion: ${ingest.perSecond.toLocaleString('en')} positions/s into SQLite (${ingest.stored.toLocaleString('en')} fixes, 1,000 trackers); over HTTP ${ingest.httpPerSecond.toLocaleString('en')} requests/s`,
);
const replay = await benchReplay(log);
log(
  `replay: 500 vehicles × 24 h = ${replay.fixes.toLocaleString('en')} fixes in ${replay.ms} ms (median of warm runs; all runs ${replay.runs.join(', ')} ms)`,
);
const vehicles = Number(process.env.BENCH_VEHICLES ?? 5000);
const map = await benchMap(vehicles, log);
log(
  `live map: ${map.fps} frames/s with ${vehicles.toLocaleString('en')} vehicles drawn (city zoom), ${map.zoomedOutFps} frames/s clustered; ${map.fixesPerSecond.toLocaleString('en')} positions/s arrived meanwhile`,
);
log(`machine load average after: ${load()}`);
console.log(
  JSON.stringify({ ingestPerSecond: ingest.perSecond, replay500x24hMs: replay.ms, mapFps5k: map.fps }),
);
