import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Modal,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconMail, IconPaperclip, IconSend } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { PrintRef } from '../../../../shared/api/printing';
import type { Output } from '../../../../shared/api/contract';
import { ApiError } from '../../api/client';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { PdfPreview } from './PdfPreview';
import { downloadBase64 } from './files';

interface Values {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
}

const MAIL_DOMAINS = ['mail', 'outbox', 'invoiceReminders', 'documents'];

/** Puts API messages such as "to.1" under the field they belong to ("to"). */
/** The dialog's own fields: an error about another (the account's password) shows as a failure. */
const MESSAGE_FIELDS = new Set(['to', 'cc', 'bcc', 'subject', 'body']);

function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    const field = path.split('.')[0]!;
    if (MESSAGE_FIELDS.has(field)) out[field] ??= message;
  }
  return out;
}

/**
 * Send by email: recipients and text start from the template of the document type and can be
 * changed; the PDF goes along as an attachment. Offline, the message waits in the outbox.
 */
export function SendDialog({
  printRef,
  title,
  opened,
  onClose,
}: {
  printRef: PrintRef;
  title: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const compose = useApi('mail.compose', { ref: printRef }, { enabled: opened, staleTime: 0, gcTime: 0 });
  const [preview, setPreview] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={preview ? 'xl' : 'lg'} centered>
      {compose.isLoading && <Loader aria-label={t('outbox.send.preparing')} />}
      {compose.error && <Alert color="red">{compose.error.message}</Alert>}
      {compose.data && (
        <SendForm
          data={compose.data}
          printRef={printRef}
          onClose={onClose}
          preview={preview}
          onTogglePreview={() => setPreview((p) => !p)}
        />
      )}
    </Modal>
  );
}

function SendForm({
  data,
  printRef,
  onClose,
  preview,
  onTogglePreview,
}: {
  data: Output<'mail.compose'>;
  printRef: PrintRef;
  onClose: () => void;
  preview: boolean;
  onTogglePreview: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: { to: data.to, cc: data.cc, bcc: data.bcc, subject: data.subject, body: data.body },
  });
  const [showCc, setShowCc] = useState(data.cc.length > 0 || data.bcc.length > 0);
  const [failure, setFailure] = useState<string | null>(null);
  const send = useApiMutation('mail.send', { invalidates: MAIL_DOMAINS });
  const draft = useApiMutation('mail.draft', { invalidates: MAIL_DOMAINS });

  const submit = (values: Values) => {
    setFailure(null);
    send.mutate(
      { ref: printRef, ...values },
      {
        onSuccess: (entry) => {
          if (entry.status === 'sent') {
            notifications.show({
              color: 'green',
              message: t('outbox.send.sent', { to: entry.to.join(', ') }),
            });
            onClose();
          } else if (entry.status === 'failed') {
            setFailure(entry.lastError ?? t('outbox.send.failed'));
          } else {
            notifications.show({
              color: 'yellow',
              title: t('outbox.send.waitingTitle'),
              message: t('outbox.send.waiting', { reason: entry.lastError ?? t('outbox.send.noAnswer') }),
              autoClose: 10_000,
            });
            onClose();
          }
        },
        onError: (e) => {
          const errors = fieldErrors(e);
          if (Object.keys(errors).length) form.setErrors(errors);
          else setFailure(e.message);
        },
      },
    );
  };

  const openInMailApp = () => {
    const values = form.getValues();
    draft.mutate(
      { ref: printRef, ...values },
      {
        onSuccess: (r) => {
          if (r.opened) notifications.show({ message: t('outbox.send.draftOpened') });
          else {
            downloadBase64(r.fileName, r.dataBase64, 'message/rfc822');
            notifications.show({
              message: t('outbox.send.draftDownloaded', { file: r.fileName }),
            });
          }
        },
        onError: (e) => {
          const errors = fieldErrors(e);
          if (Object.keys(errors).length) form.setErrors(errors);
          else notifyError(e);
        },
      },
    );
  };

  const blocked = data.blockers.length > 0;
  return (
    <form onSubmit={form.onSubmit(submit)}>
      <Stack gap="xs">
        {data.blockers.map((b) => (
          <Alert key={b} color="yellow">
            {b}
          </Alert>
        ))}
        {!data.accountReady && !blocked && (
          <Alert color="blue" title={t('outbox.send.noAccountTitle')}>
            {t('outbox.send.noAccountBefore')}{' '}
            <Anchor component={Link} to="/settings/email" onClick={onClose}>
              {t('outbox.send.noAccountLink')}
            </Anchor>
            {t('outbox.send.noAccountAfter')}
          </Alert>
        )}
        {failure && (
          <Alert color="red" title={t('outbox.send.notSentTitle')}>
            {failure} {t('outbox.send.notSent')}
          </Alert>
        )}
        <TagsInput
          label={t('outbox.send.to')}
          withAsterisk
          placeholder={t('outbox.send.toPlaceholder')}
          splitChars={[',', ';', ' ']}
          clearable
          {...form.getInputProps('to')}
        />
        {showCc ? (
          <>
            <TagsInput
              label={t('outbox.send.cc')}
              splitChars={[',', ';', ' ']}
              {...form.getInputProps('cc')}
            />
            <TagsInput
              label={t('outbox.send.bcc')}
              splitChars={[',', ';', ' ']}
              {...form.getInputProps('bcc')}
            />
          </>
        ) : (
          <Anchor component="button" type="button" size="sm" onClick={() => setShowCc(true)}>
            {t('outbox.send.addCc')}
          </Anchor>
        )}
        <TextInput label={t('outbox.send.subject')} withAsterisk {...form.getInputProps('subject')} />
        <Textarea
          label={t('outbox.send.message')}
          autosize
          minRows={6}
          maxRows={14}
          {...form.getInputProps('body')}
        />
        <Group gap={6}>
          <IconPaperclip size={16} aria-hidden />
          <Text size="sm">{data.attachmentName}</Text>
          <Anchor component="button" type="button" size="sm" onClick={onTogglePreview}>
            {preview ? t('outbox.send.hidePreview') : t('outbox.send.showPreview')}
          </Anchor>
        </Group>
        {preview && <PdfPreview printRef={printRef} height={520} />}
        <Group justify="space-between" mt="sm">
          <Button
            variant="default"
            leftSection={<IconMail size={16} aria-hidden />}
            onClick={openInMailApp}
            loading={draft.isPending}
            disabled={blocked}
          >
            {t('outbox.send.mailApp')}
          </Button>
          <Group gap="xs">
            <Button variant="subtle" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              leftSection={<IconSend size={16} aria-hidden />}
              loading={send.isPending}
              disabled={blocked || !data.accountReady}
            >
              {t('common.send')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
