// `npm start`: build, then open the desktop app; where the Electron binary cannot be had (an
// offline machine), say so in one line and run the headless host instead, printing its URL.
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary } from './lib/electron-binary.mjs';

const args = process.argv.slice(2);
const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const binary = electronBinary({ download: true, timeoutMs: 120_000 });
let child;
if (binary.path) {
  // Chromium refuses to run as root with its OS sandbox; the renderer stays sandboxed by Electron.
  const rootFlags = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  child = spawn(binary.path, [...rootFlags, 'out/main/index.js', ...args], { stdio: 'inherit' });
} else {
  console.log(
    `Electron is not available (${binary.reason}): starting host mode instead — open the URL below in a browser.`,
  );
  child = spawn(process.execPath, ['out/main/host.js', ...args], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
