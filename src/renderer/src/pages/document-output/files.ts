/** Turning base64 from the API into files the browser can show, print or save. */
export function base64ToBlob(dataBase64: string, type: string): Blob {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/**
 * Saves a file the way the browser saves downloads. In the desktop app Electron shows its
 * Save dialog for it, so both modes share this path.
 */
export function downloadBase64(fileName: string, dataBase64: string, type: string): void {
  const url = URL.createObjectURL(base64ToBlob(dataBase64, type));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Browser mode's print: the PDF in a tab of its own, where the browser's Print works. */
export function openPdfInTab(dataBase64: string): boolean {
  const url = URL.createObjectURL(base64ToBlob(dataBase64, 'application/pdf'));
  const tab = window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), 5 * 60_000);
  return tab !== null;
}

export const isDesktop = (): boolean => typeof window !== 'undefined' && Boolean(window.folio);
