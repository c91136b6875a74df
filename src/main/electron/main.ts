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
  const open = (takeOver: boolean) =>
    openFolio({
      dataDir,
      mode: 'desktop',
      version: app.getVersion(),
      nativeBinding,
      secrets: osSecretBox,
      desktop: desktopShell,
      takeOver,
    });
  try {
    folio = await open(false);
  } catch (error) {
    if (error instanceof DataFolderLockedError) {
      // After a crash the lock may name a process that is no longer Folio: let the user decide.
      const choice = await dialog.showMessageBox({
        type: 'warning',
        title: 'Folio is already open',
        message: error.message,
        buttons: ['Quit', 'Take over'],
        defaultId: 0,
        cancelId: 0,
      });
      if (choice.response === 1) {
        try {
          folio = await open(true);
        } catch (again) {
          dialog.showErrorBox('Folio cannot start', String(again));
        }
      }
    } else {
      dialog.showErrorBox('Folio cannot start', error instanceof Error ? error.message : String(error));
    }
    if (!folio) {
      app.quit();
      return;
    }
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
