import type { FolioBridge } from '../../shared/api/envelope';

declare global {
  interface Window {
    /** Present in the desktop app (set by the preload); absent in browser mode. */
    folio?: FolioBridge;
  }
}
