import fs from 'node:fs';
import path from 'node:path';
import { BrowserWindow, screen, type Rectangle } from 'electron';
import { APP_URL } from './protocol';

interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT_STATE: WindowState = { bounds: { x: 0, y: 0, width: 1280, height: 820 }, maximized: false };

function readState(file: string): WindowState | null {
  try {
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as WindowState;
    const { x, y, width, height } = state.bounds;
    if (![x, y, width, height].every(Number.isFinite) || width < 400 || height < 300) return null;
    // Only reuse a position that is still on a connected display (a monitor may be gone).
    const visible = screen.getAllDisplays().some((d) => {
      const a = d.workArea;
      return x < a.x + a.width && x + width > a.x && y < a.y + a.height && y + height > a.y;
    });
    return visible ? state : { ...state, bounds: { ...DEFAULT_STATE.bounds, width, height } };
  } catch {
    return null;
  }
}

/** The main window: sandboxed, isolated, no Node; its size and position survive restarts. */
export function createMainWindow(options: {
  preload: string;
  stateFile: string;
  url?: string;
}): BrowserWindow {
  const state = readState(options.stateFile);
  const win = new BrowserWindow({
    ...(state ? state.bounds : { width: DEFAULT_STATE.bounds.width, height: DEFAULT_STATE.bounds.height }),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Folio',
    backgroundColor: '#f8f9fa',
    icon: path.join(__dirname, '../../assets/icon.png'),
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      // Chromium's built-in PDF viewer, for the in-app preview of PDFs Folio renders itself
      // (blob: frames only; the CSP still refuses <object> and <embed>). See SECURITY.md.
      plugins: true,
      // Middle-click would otherwise open links in a new window, bypassing will-navigate.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  const save = () => {
    const next: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    fs.writeFileSync(options.stateFile, JSON.stringify(next), { mode: 0o600 });
  };
  win.on('close', save);

  void win.loadURL(options.url ?? APP_URL);
  return win;
}
