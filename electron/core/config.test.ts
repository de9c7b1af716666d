import { describe, expect, it } from 'vitest';
import { coreConfigFrom, defaultDataDir, readFlag } from './config';

describe('core configuration', () => {
  it('reads --data-dir in both spellings, before the environment', () => {
    expect(coreConfigFrom(['--data-dir', '/a'], { LOADSTAR_DATA_DIR: '/b' }).dataDir).toBe('/a');
    expect(coreConfigFrom(['--data-dir=/c'], {}).dataDir).toBe('/c');
    expect(coreConfigFrom([], { LOADSTAR_DATA_DIR: '/b' }).dataDir).toBe('/b');
  });

  it('refuses a flag without its value rather than guessing', () => {
    expect(() => readFlag(['--data-dir'], 'data-dir')).toThrow('--data-dir needs a value');
    expect(() => readFlag(['--data-dir', '--no-demo'], 'data-dir')).toThrow('--data-dir needs a value');
  });

  it('turns the demo off by flag or environment', () => {
    expect(coreConfigFrom([], {}).demo).toBe(true);
    expect(coreConfigFrom(['--no-demo'], {}).demo).toBe(false);
    expect(coreConfigFrom([], { LOADSTAR_NO_DEMO: '1' }).demo).toBe(false);
  });

  it('defaults to the OS app-data folder', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' })).toBe('/x/Loadstar');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\op\\AppData\\Roaming' })).toMatch(
      /Roaming[\\/]Loadstar$/,
    );
    expect(defaultDataDir('darwin', {})).toMatch(/Library\/Application Support\/Loadstar$/);
  });
});
