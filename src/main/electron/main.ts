/**
 * The desktop app's entry. Thin on purpose: everything but windows, menus and the IPC
 * transport lives in src/main/app.ts and the services, which run and are tested without
 * Electron.
 */
import path from 'node:path';
import { BrowserWindow, app, dialog } from 'electron';
import { openFolio, type Folio } from '../app';
import { DataFolderLockedError } from '../data-lock';
import { startBillNotifications } from './bill-notifications';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { electronNativeBinding, nativeModuleProblem } from './native-check';
import { registerSchemePrivileges, serveRenderer } from './protocol';
import { hardenSessions } from './security';
import { createMainWindow } from './window';
import { desktopShell, osSecretBox } from './desktop';

let mainWindow: BrowserWindow | null = null;
let folio: Folio | null = null;
let stopNotifications: (() => void) | null = null;

registerSchemePrivileges();

async function start(): Promise<void> {
  hardenSessions();
  const nativeBinding = electronNativeBinding();
  const problem = await nativeModuleProblem(nativeBinding);
  if (problem) {
    dialog.showErrorBox('Folio cannot open its database', problem);
    app.quit();
    return;
  }

  const dataDir = app.getPath('userData');
  try {
    folio = await openFolio({
      dataDir,
      mode: 'desktop',
      version: app.getVersion(),
      nativeBinding,
      secrets: osSecretBox,
      desktop: desktopShell,
    });
  } catch (error) {
    const message = error instanceof DataFolderLockedError ? error.message : String(error);
    dialog.showErrorBox('Folio cannot start', message);
    app.quit();
    return;
  }

  registerIpc(folio.dispatch);
  serveRenderer(path.join(__dirname, '../renderer'));
  const dispatch = folio.dispatch;
  buildMenu({ window: () => mainWindow, dispatch, dataDir });
  openWindow();
  folio.startBackgroundJobs();
  const log = folio.ctx.log;
  stopNotifications = startBillNotifications({
    dispatch,
    window: () => mainWindow,
    onError: (error) => log.error('bill notifications failed', { error }),
  });
}

function openWindow(): void {
  mainWindow = createMainWindow({
    preload: path.join(__dirname, '../preload/index.js'),
    stateFile: path.join(app.getPath('userData'), 'window-state.json'),
  });
  mainWindow.on('closed', () => (mainWindow = null));
}

// Two instances on one data file are a data-loss risk: the second one hands over and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow && folio) openWindow();
  });
  let closing = false;
  app.on('will-quit', (event) => {
    if (!folio || closing) return;
    closing = true;
    event.preventDefault();
    stopNotifications?.();
    void folio.close().finally(() => app.quit());
  });
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox('Folio cannot start', String(error));
    app.quit();
  });
}
