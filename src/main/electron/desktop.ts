/**
 * What the services may ask of the desktop shell, implemented with Electron. Kept thin: the
 * services decide what to do and only call these to reach the OS.
 */
import { BrowserWindow, app, dialog, safeStorage, shell } from 'electron';
import type { DesktopShell, SecretBox } from '../services/context';
import { keyFileSecretBox } from '../services/secrets';

const PREFIX = 'os1:';

/**
 * Secrets sealed by the OS keychain (Keychain on macOS, DPAPI on Windows, the Secret Service
 * or KWallet on Linux) through Electron's safeStorage. Where safeStorage has no real keychain
 * (Linux without one falls back to a fixed, well-known key), the key file of browser mode is
 * used instead, which is at least unique to this data folder.
 */
export function osSecretBox(dataDir: string): SecretBox {
  const fallback = keyFileSecretBox(dataDir);
  const usable =
    safeStorage.isEncryptionAvailable() &&
    (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  if (!usable) return fallback;
  return {
    kind: 'os-keychain',
    seal: (plain) => PREFIX + safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) =>
      sealed.startsWith(PREFIX)
        ? safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'))
        : fallback.open(sealed),
  };
}

/** Opens a file Folio wrote (a PDF to print, an .eml draft) with the OS's default program. */
export const desktopShell: DesktopShell = {
  async openPath(file: string) {
    const error = await shell.openPath(file);
    if (error) throw new Error(error);
  },
  async chooseSaveFile(defaultName, filter) {
    const owner = BrowserWindow.getFocusedWindow();
    const options = { defaultPath: defaultName, filters: [filter] };
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  async chooseOpenFile(filter) {
    const owner = BrowserWindow.getFocusedWindow();
    const options = { filters: [filter], properties: ['openFile' as const] };
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  relaunch() {
    // Quitting closes Folio properly first (main.ts, will-quit); then it starts again.
    app.relaunch();
    app.quit();
  },
};
