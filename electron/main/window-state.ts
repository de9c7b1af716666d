import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: { x: 0, y: 0, width: 1440, height: 900 }, maximized: false };

/** Restores the last window size and place, unless that place is on a screen that is gone. */
export function loadWindowState(dir: string): WindowState {
  try {
    const state = JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8')) as WindowState;
    const visible = screen.getAllDisplays().some((d) => {
      const a = d.workArea;
      return (
        state.bounds.x < a.x + a.width &&
        state.bounds.x + state.bounds.width > a.x &&
        state.bounds.y < a.y + a.height &&
        state.bounds.y + state.bounds.height > a.y
      );
    });
    return visible ? state : { ...DEFAULT, maximized: state.maximized };
  } catch {
    return DEFAULT;
  }
}

export function trackWindowState(win: BrowserWindow, dir: string): void {
  const save = () => {
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      writeFileSync(join(dir, 'window-state.json'), JSON.stringify(state));
    } catch {
      // Losing the window position is not worth an error dialog.
    }
  };
  win.on('close', save);
}
