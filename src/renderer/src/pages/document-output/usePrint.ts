import { notifications } from '@mantine/notifications';
import type { PrintRef } from '../../../../shared/api/printing';
import { call } from '../../api/client';
import { notifyError } from '../../api/hooks';
import { isDesktop, openPdfInTab } from './files';

/**
 * Print: the desktop app opens the PDF in the system's PDF viewer, whose Print command uses
 * the OS print dialog; browser mode opens it in a tab for the browser to print.
 */
export function usePrint() {
  return (printRef: PrintRef, dataBase64?: string) => {
    void (async () => {
      try {
        if (isDesktop()) {
          const r = await call('printing.openForPrint', { ref: printRef });
          if (r.opened)
            notifications.show({ message: `${r.fileName} is open in your PDF viewer: print it from there.` });
          return;
        }
        const data = dataBase64 ?? (await call('printing.render', { ref: printRef })).dataBase64;
        if (!openPdfInTab(data))
          notifications.show({
            color: 'yellow',
            message:
              'Your browser blocked the new tab. Allow pop-ups for Folio, or use Download PDF and print the file.',
          });
      } catch (e) {
        notifyError(e);
      }
    })();
  };
}
