import { Menu, app, dialog, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { Dispatch } from '../api/dispatch';
import { APP_URL } from './protocol';
import { openExternalSafely } from './security';

interface MenuDeps {
  window: () => BrowserWindow | null;
  dispatch: Dispatch;
  dataDir: string;
}

/** Moves the renderer to a route; a fragment-only change is an in-page navigation, not a reload. */
function goTo(win: BrowserWindow | null, route: string): void {
  if (win) void win.webContents.loadURL(`${APP_URL}#${route}`);
}

export function buildMenu({ window, dispatch, dataDir }: MenuDeps): void {
  const isMac = process.platform === 'darwin';
  /** Menu clicks ignore a returned promise: the backup runs and reports in a dialog. */
  async function backUpNow(): Promise<void> {
    const result = await dispatch('backups.create', {});
    const win = window();
    const message = result.ok ? 'Backup saved.' : result.error.message;
    if (win)
      void dialog.showMessageBox(win, {
        type: result.ok ? 'info' : 'error',
        message,
        title: 'Back Up Now',
      });
  }
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Invoice', accelerator: 'CmdOrCtrl+N', click: () => goTo(window(), '/invoices/new') },
        { type: 'separator' },
        {
          label: 'Back Up Now',
          accelerator: 'CmdOrCtrl+Shift+B',
          click: () => void backUpNow(),
        },
        { label: 'Open Data Folder', click: () => void shell.openPath(dataDir) },
        // Connect to books on a server, or move these books there (Settings → Shared books).
        { label: 'Open Shared Books…', click: () => goTo(window(), '/settings/shared') },
        { type: 'separator' },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: () => goTo(window(), '/settings') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu', label: '&Edit' },
    {
      label: '&View',
      submenu: [
        { label: 'Dashboard', accelerator: 'CmdOrCtrl+1', click: () => goTo(window(), '/dashboard') },
        { label: 'Invoices', accelerator: 'CmdOrCtrl+2', click: () => goTo(window(), '/invoices') },
        { label: 'Bills', accelerator: 'CmdOrCtrl+3', click: () => goTo(window(), '/bills') },
        { type: 'separator' },
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: 'F1', click: () => goTo(window(), '/help') },
        { label: 'Folio Website', click: () => openExternalSafely('https://github.com/folio-app/folio') },
        { type: 'separator' },
        {
          label: `About Folio ${app.getVersion()}`,
          click: () =>
            void dialog.showMessageBox({
              message: `Folio ${app.getVersion()}`,
              detail: 'Offline invoicing and bill tracking.',
            }),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
