import { Alert, Anchor, Button, List, Menu, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconFileCode } from '@tabler/icons-react';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Document } from '../../../../shared/api/documents';
import { call } from '../../api/client';
import { notifyError, useApi } from '../../api/hooks';
import { downloadBase64 } from '../document-output/files';

/** Where each kind of problem is fixed. */
export function fixLink(
  field: string,
  doc: { id: number; type: Document['type']; customerId: number },
): string {
  if (field.startsWith('customer.')) return `/customers/${doc.customerId}/edit`;
  if (field.startsWith('business.')) return '/settings/business';
  if (field.startsWith('settings.bank')) return '/settings/documents';
  if (field.startsWith('tax.')) return '/settings/taxes';
  if (field.startsWith('document.lines') && field.endsWith('.unit')) return '/settings/einvoice';
  const base = doc.type === 'credit_note' ? 'credit-notes' : doc.type === 'quote' ? 'quotes' : 'invoices';
  return `/${base}/${doc.id}/edit`;
}

const fixLabel = (t: TFunction, field: string) =>
  field.startsWith('customer.')
    ? t('einvoice.fix.customer')
    : field.startsWith('business.')
      ? t('einvoice.fix.business')
      : field.startsWith('settings.bank')
        ? t('einvoice.fix.bank')
        : field.startsWith('tax.')
          ? t('einvoice.fix.taxes')
          : field.endsWith('.unit')
            ? t('einvoice.fix.units')
            : t('einvoice.fix.document');

/** The E-invoice menu of an issued invoice or credit note: every format, the customer's preferred first. */
export function EinvoiceMenu({ doc }: { doc: Document }) {
  const { t } = useTranslation();
  const options = useApi('einvoice.options', { id: doc.id });
  const [busy, setBusy] = useState(false);
  const download = async (format: Parameters<typeof call<'einvoice.download'>>[1]['format']) => {
    setBusy(true);
    try {
      const file = await call('einvoice.download', { id: doc.id, format });
      downloadBase64(file.fileName, file.dataBase64, file.mimeType);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end" width={340}>
      <Menu.Target>
        <Button
          variant="default"
          loading={busy}
          leftSection={<IconFileCode size={16} />}
          rightSection={<IconChevronDown size={14} />}
        >
          {t('einvoice.menu.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('einvoice.menu.downloadAs')}</Menu.Label>
        {(options.data?.formats ?? []).map((f) => (
          <Menu.Item
            key={f.format}
            onClick={() => void download(f.format)}
            disabled={f.problems.length > 0}
            title={f.problems.map((p) => p.message).join('\n')}
          >
            <Text size="sm">
              {f.label}
              {options.data?.preferred === f.format ? ` ${t('einvoice.menu.preferred')}` : ''}
            </Text>
            {f.problems.length > 0 && (
              <Text size="xs" c="dimmed">
                {f.problems[0]!.message}
              </Text>
            )}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** Before issuing: what the customer's e-invoice format still needs, each with a way to fix it. */
export function PreflightPanel({ doc }: { doc: Document }) {
  const { t } = useTranslation();
  const pre = useApi('einvoice.preflight', { id: doc.id, format: null });
  const problems = pre.data?.problems ?? [];
  if (!pre.data?.format || problems.length === 0) return null;
  return (
    <Alert color="yellow" title={t('einvoice.preflight.title')} role="alert">
      <Stack gap={4}>
        <List size="sm" spacing={2}>
          {problems.map((p) => (
            <List.Item key={p.field + p.message}>
              {p.message}{' '}
              <Anchor component={Link} to={fixLink(p.field, doc)} size="sm">
                {fixLabel(t, p.field)}
              </Anchor>
            </List.Item>
          ))}
        </List>
        <Text size="xs">{t('einvoice.preflight.hint')}</Text>
      </Stack>
    </Alert>
  );
}
