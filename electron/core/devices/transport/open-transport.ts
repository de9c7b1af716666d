import { CupsTransport } from './cups-transport';
import { DeviceTransport } from './device-transport';
import { SerialTransport } from './serial-transport';
import { TcpTransport } from './tcp-transport';
import { DEFAULT_TIMEOUTS, type Transport, type TransportConfig, type TransportTimeouts } from './transport';

/** Opens a fresh link for one job or query; throws `device_offline` when it cannot. */
export function openTransport(
  config: TransportConfig,
  timeouts: TransportTimeouts = DEFAULT_TIMEOUTS,
): Promise<Transport> {
  switch (config.kind) {
    case 'tcp':
      return TcpTransport.connect(config.host, config.port, timeouts);
    case 'serial':
      return SerialTransport.open(config.path, config.baudRate);
    case 'device':
      return DeviceTransport.open(config.path);
    case 'cups':
      return CupsTransport.open(config.queue, config.lpCommand);
  }
}

/** Whether status queries can be answered over this kind of link. */
export function isBidirectional(config: TransportConfig): boolean {
  return config.kind === 'tcp' || config.kind === 'serial';
}
