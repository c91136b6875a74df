import { useState } from 'react';
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
function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) out[path.split('.')[0]!] ??= message;
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
  const compose = useApi('mail.compose', { ref: printRef }, { enabled: opened, staleTime: 0, gcTime: 0 });
  const [preview, setPreview] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={preview ? 'xl' : 'lg'} centered>
      {compose.isLoading && <Loader aria-label="Preparing the message" />}
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
            notifications.show({ color: 'green', message: `Sent to ${entry.to.join(', ')}.` });
            onClose();
          } else if (entry.status === 'failed') {
            setFailure(entry.lastError ?? 'The message could not be sent.');
          } else {
            notifications.show({
              color: 'yellow',
              title: 'Waiting in the outbox',
              message: `${entry.lastError ?? 'The mail server has not answered yet.'} It goes out by itself when the server can be reached.`,
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
          if (r.opened) notifications.show({ message: 'The draft is open in your mail program.' });
          else {
            downloadBase64(r.fileName, r.dataBase64, 'message/rfc822');
            notifications.show({
              message: `${r.fileName} was downloaded: open it to get a draft with the PDF attached in your mail program.`,
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
          <Alert color="blue" title="No email account yet">
            To send from Folio, set up your mail server in{' '}
            <Anchor component={Link} to="/settings/email" onClick={onClose}>
              Settings → Mail
            </Anchor>
            . Meanwhile, Open in my mail app makes a draft with the PDF attached.
          </Alert>
        )}
        {failure && (
          <Alert color="red" title="Not sent">
            {failure} The message is kept in the outbox; retry it from there once this is fixed.
          </Alert>
        )}
        <TagsInput
          label="To"
          withAsterisk
          placeholder="name@example.com, then Enter"
          splitChars={[',', ';', ' ']}
          clearable
          {...form.getInputProps('to')}
        />
        {showCc ? (
          <>
            <TagsInput label="Cc" splitChars={[',', ';', ' ']} {...form.getInputProps('cc')} />
            <TagsInput label="Bcc" splitChars={[',', ';', ' ']} {...form.getInputProps('bcc')} />
          </>
        ) : (
          <Anchor component="button" type="button" size="sm" onClick={() => setShowCc(true)}>
            Add Cc or Bcc
          </Anchor>
        )}
        <TextInput label="Subject" withAsterisk {...form.getInputProps('subject')} />
        <Textarea label="Message" autosize minRows={6} maxRows={14} {...form.getInputProps('body')} />
        <Group gap={6}>
          <IconPaperclip size={16} aria-hidden />
          <Text size="sm">{data.attachmentName}</Text>
          <Anchor component="button" type="button" size="sm" onClick={onTogglePreview}>
            {preview ? 'Hide preview' : 'Preview the PDF'}
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
            Open in my mail app
          </Button>
          <Group gap="xs">
            <Button variant="subtle" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              leftSection={<IconSend size={16} aria-hidden />}
              loading={send.isPending}
              disabled={blocked || !data.accountReady}
            >
              Send
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
