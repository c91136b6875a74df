/**
 * The path of a request URL, decoded; null when it cannot be (a malformed % escape such as
 * "/%E0%A4%A", or a NUL). Used by both servers of the renderer: the browser-mode bridge and
 * the desktop app's app:// protocol handler, so a bad address is a 400/404, never an exception.
 */
export function decodeRequestPath(url: string | undefined): string | null {
  try {
    const decoded = decodeURIComponent(new URL(url ?? '/', 'http://x').pathname);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}
