/**
 * The `npm run sim` console: one line per command, so a demo can switch printer states, move
 * trailers and send scans while the app runs against the simulators.
 */
import type { ModbusDockSim, SimInput } from '../../electron/core/devices/sim/modbus-dock-sim';
import type { ScannerFeeder } from '../../electron/core/devices/sim/scanner-feeder';
import type { ZebraSim, ZebraSimState } from '../../electron/core/devices/sim/zebra-sim';

export const HELP = `commands:
  printer <paper-out|head-open|paused|ribbon-out|offline|slow|silent> <on|off>
  printer status
  door <n> <trailer|restraint|leveler|fault> <on|off>      door <n> override <on|off>
  scan <text>          (use \\x1d or <GS> for the GS1 separator)
  unplug | plug        (the scanner's pty disappears / comes back)
  help | quit`;

const PRINTER_STATES: Record<string, keyof ZebraSimState> = {
  'paper-out': 'paperOut',
  'head-open': 'headOpen',
  paused: 'paused',
  'ribbon-out': 'ribbonOut',
  offline: 'offline',
  slow: 'slow',
  silent: 'silentHsInError',
};
const DOOR_INPUTS: Record<string, SimInput> = {
  trailer: 'trailerPresent',
  restraint: 'restraintEngaged',
  leveler: 'levelerStored',
  fault: 'fault',
};

export async function runCommand(
  line: string,
  sims: { printer: ZebraSim; dock: ModbusDockSim; feeder: ScannerFeeder },
): Promise<string> {
  const [cmd, a, b, c] = line.trim().split(/\s+/);
  const on = (v: string | undefined) => v === 'on' || v === '1' || v === 'true';
  switch (cmd) {
    case 'printer': {
      if (a === 'status')
        return JSON.stringify({ ...sims.printer.state, labelsPrinted: sims.printer.labelsPrinted });
      const key = PRINTER_STATES[a ?? ''];
      if (!key) return `unknown printer state "${a ?? ''}"`;
      await sims.printer.set({ [key]: on(b) });
      return `printer ${a} ${on(b) ? 'on' : 'off'}`;
    }
    case 'door': {
      const unit = Number(a);
      if (!sims.dock.units.has(unit)) return `no door ${a ?? ''} (doors 1–${sims.dock.units.size})`;
      if (b === 'override') {
        sims.dock.setMode(unit, on(c));
        return `door ${unit} override ${on(c) ? 'on' : 'off'}`;
      }
      const input = DOOR_INPUTS[b ?? ''];
      if (!input) return `unknown door input "${b ?? ''}"`;
      sims.dock.setInput(unit, input, on(c));
      return `door ${unit} ${b} ${on(c) ? 'on' : 'off'}`;
    }
    case 'scan': {
      const text = line
        .trim()
        .slice(5)
        .replace(/\\x1d|<GS>/gi, '\u001d');
      await sims.feeder.scan(text, '\r\n');
      return `scanned ${JSON.stringify(text)}`;
    }
    case 'unplug':
      await sims.feeder.unplug();
      return 'scanner unplugged';
    case 'plug':
      await sims.feeder.plug();
      return `scanner plugged in at ${sims.feeder.hostPath}`;
    case 'help':
    case undefined:
    case '':
      return HELP;
    default:
      return `unknown command "${cmd}"\n${HELP}`;
  }
}
