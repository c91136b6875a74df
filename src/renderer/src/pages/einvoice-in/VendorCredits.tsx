import { Anchor, Button, Center, Loader, Modal, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../api/hooks';
import { AttachmentViewer } from '../bills/parts/AttachmentViewer';
import { useFormat } from '../bills/parts/format';
import { VendorCreditApply } from '../vendors/VendorCreditApply';
import { EInvoiceReadable } from './EInvoiceView';
import { useTranslation } from 'react-i18next';

/** The credits a vendor gave (credit notes imported as e-invoices), each readable like a page. */
export function VendorCredits({ vendorId, vendorName }: { vendorId: number; vendorName: string }) {
  const { t } = useTranslation();
  const { money, date } = useFormat();
  const credits = useApi('vendorCredits.list', { vendorId });
  const [open, setOpen] = useState<number | null>(null);
  if (!credits.data || credits.data.length === 0) return null;
  return (
    <>
      <Title order={2} size="h4">
        {t('einvoiceIn.credits.title')}
      </Title>
      <Table aria-label={t('einvoiceIn.credits.tableLabel', { vendor: vendorName })} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.date')}</Table.Th>
            <Table.Th>{t('einvoiceIn.credits.creditNote')}</Table.Th>
            <Table.Th>{t('einvoiceIn.credits.forInvoice')}</Table.Th>
            <Table.Th className="num">{t('common.tax')}</Table.Th>
            <Table.Th className="num">{t('einvoiceIn.credits.credit')}</Table.Th>
            <Table.Th />
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {credits.data.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{date(c.creditDate)}</Table.Td>
              <Table.Td>{c.number}</Table.Td>
              <Table.Td>
                {c.bill ? (
                  <Anchor component={Link} to={`/bills/${c.bill.id}`} size="sm">
                    {c.bill.number || `#${c.bill.id}`}
                  </Anchor>
                ) : (
                  c.invoiceReference || '—'
                )}
              </Table.Td>
              <Table.Td className="num">{money(c.tax, c.currency)}</Table.Td>
              <Table.Td className="num">{money(c.total, c.currency)}</Table.Td>
              <Table.Td>
                {c.fromEInvoice && (
                  <Button size="compact-sm" variant="light" onClick={() => setOpen(c.id)}>
                    {t('einvoiceIn.credits.show', { number: c.number })}
                  </Button>
                )}
              </Table.Td>
              <Table.Td>
                <VendorCreditApply credit={c} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open !== null && <CreditNoteModal id={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function CreditNoteModal({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const view = useApi('einvoices.forVendorCredit', { vendorCreditId: id });
  const [file, setFile] = useState<{ sha256: string; fileName: string } | null>(null);
  const e = view.data?.einvoice;
  return (
    <Modal opened onClose={onClose} title={t('einvoiceIn.credits.creditNote')} size="80rem">
      {!e ? (
        <Center h={200}>
          <Loader aria-label={t('einvoiceIn.credits.loading')} />
        </Center>
      ) : (
        <EInvoiceReadable
          view={e}
          onOpenFile={() => setFile({ sha256: e.fileSha256, fileName: e.fileName })}
        />
      )}
      {file && <AttachmentViewer attachment={file} onClose={() => setFile(null)} />}
    </Modal>
  );
}
