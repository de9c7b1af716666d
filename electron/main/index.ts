/**
 * The Electron shell: one window, a locked-down renderer, and the core in a utilityProcess.
 * Everything that touches data or devices lives in core; this file only relays a MessagePort.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  MessageChannelMain,
  session,
  utilityProcess,
  type UtilityProcess,
} from 'electron';
import { restartPolicy } from '../core/process/restart-policy';
import { loadWindowState, trackWindowState } from './window-state';

const here = fileURLToPath(new URL('.', import.meta.url));
const passThrough = process.argv.filter((a) => a === '--no-demo');
const dataDirFlag = process.argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
const dataDir = dataDirFlag ?? process.env.LOADSTAR_DATA_DIR ?? app.getPath('userData');

let core: UtilityProcess | null = null;
let coreReady: Promise<void> = Promise.resolve();
let window: BrowserWindow | null = null;
// The same policy as the headless host's supervisor: at once after a healthy run, backing off
// while core keeps dying young (a broken data file must not make it spin).
const policy = restartPolicy();

function startCore(): void {
  const startedAt = Date.now();
  let answered = 0;
  const child = utilityProcess.fork(join(here, 'core.js'), ['--data-dir', dataDir, ...passThrough], {
    serviceName: 'Loadstar core',
    stdio: 'inherit',
  });
  core = child;
  coreReady = new Promise((resolve) => {
    child.on('message', (m: { type?: string }) => {
      if (m?.type === 'ready') resolve();
      if (m?.type === 'served') answered++;
    });
  });
  child.on('exit', (code) => {
    if (core !== child || quitting) return;
    // The window's port closed with core: the preload answered what was in flight "outcome
    // unknown", the renderer shows core restarting and retries those requests on the new port.
    const delay = policy.delayAfter({ ranMs: Date.now() - startedAt, answered });
    console.error(`Loadstar core stopped unexpectedly (exit code ${code}); restarting it in ${delay} ms.`);
    core = null;
    setTimeout(() => {
      if (quitting) return;
      startCore();
      if (window) void connectWindow(window);
    }, delay);
  });
}

async function connectWindow(win: BrowserWindow): Promise<void> {
  await coreReady;
  if (!core || win.isDestroyed()) return;
  const { port1, port2 } = new MessageChannelMain();
  core.postMessage({ type: 'connect' }, [port1]);
  win.webContents.postMessage('loadstar:port', null, [port2]);
}

function createWindow(): BrowserWindow {
  const state = loadWindowState(dataDir);
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Loadstar',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, dataDir);
  win.once('ready-to-show', () => win.show());
  // Each load (first or a reload) gets a fresh port; the old one closes with the old page.
  win.webContents.on('did-finish-load', () => void connectWindow(win));
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(join(here, '../renderer/index.html'));
  return win;
}

function lockDown(): void {
  // One exception: the camera (video only) for the app's own page, for evidence photos at
  // receiving. Microphone, screen capture and everything else stay denied.
  const ownPage = (url: string) => url.startsWith('file://') || (!!process.env.ELECTRON_RENDERER_URL && url.startsWith(process.env.ELECTRON_RENDERER_URL));
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(permission === 'media' && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'video') && ownPage(wc.getURL()));
  });
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (url !== contents.getURL()) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

let quitting = false;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('before-quit', () => {
    quitting = true;
    core?.kill();
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    lockDown();
    startCore();
    window = createWindow();
  });
}
