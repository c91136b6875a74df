import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { PrintRef } from '../../../../shared/api/printing';
import { call } from '../../api/client';
import { notifyError } from '../../api/hooks';
import { isDesktop, openPdfInTab } from './files';

/**
 * Print: the desktop app opens the PDF in the system's PDF viewer, whose Print command uses
 * the OS print dialog; browser mode opens it in a tab for the browser to print.
 */
export function usePrint() {
  const { t } = useTranslation();
  return (printRef: PrintRef, dataBase64?: string) => {
    void (async () => {
      try {
        if (isDesktop()) {
          const r = await call('printing.openForPrint', { ref: printRef });
          if (r.opened) notifications.show({ message: t('outbox.print.opened', { file: r.fileName }) });
          return;
        }
        const data = dataBase64 ?? (await call('printing.render', { ref: printRef })).dataBase64;
        if (!openPdfInTab(data))
          notifications.show({
            color: 'yellow',
            message: t('outbox.print.blocked'),
          });
      } catch (e) {
        notifyError(e);
      }
    })();
  };
}
