/** Devices: label printers, scanners, dock I/O and the scan-to-print station. */
export const devicesCommands = {};
export const devicesEvents = {};
