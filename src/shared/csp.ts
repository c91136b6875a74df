/**
 * The renderer's Content Security Policy, sent by the app:// protocol handler and the
 * browser-mode bridge and repeated in index.html. Scripts come only from the app itself;
 * inline style attributes are allowed because the component library sets them; blob: and
 * data: images cover logo previews; blob: frames cover the PDF preview.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
