export * from './aim';
export * from './ai-table';
export * from './check-digit';
export * from './keyboard-wedge';
export * from './parse';
export * from './scan-event';
export * from './sscc';
