import { PreflightPanel } from '../einvoice/EinvoiceMenu';
import { Loaded } from '../../components/PageState';
import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useHotkeys } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Document, DocType } from '../../../../shared/api/documents';
import { addDays, localToday } from '../../../../shared/domain/dates';
import { isValidRate, RATE_SCALE } from '../../../../shared/domain/fx';
import { decimalSeparatorOf } from '../../../../shared/domain/money';
import { parseDecimalInput } from '../../../../shared/domain/number-input';
import { ApiError, call } from '../../api/client';
import { notifyError, useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { showApiError, useEditVersion } from '../../lib/forms';
import { useUnsavedGuard } from '../../lib/useUnsavedGuard';
import { DocumentFields } from './DocumentFields';
import {
  emptyLine,
  formPath,
  fromDocument,
  numberErrors,
  previewTotals,
  toInput,
  type DocumentForm,
} from './editor-form';
import { StickyBar } from '../../components/StickyBar';
import { useMoneyFormat } from '../../components/Money';
import { DOC, docPath } from './labels';
import { useCustomerDefaults } from './useCustomerDefaults';
import { i18n } from '../../lib/i18n';
import { confirmIssue } from './confirmIssue';

/** New or draft document: loads what it edits, then hands over to the form. */
export function DocumentEditorPage({ type }: { type: DocType }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useApi('documents.get', { id: Number(id) }, { enabled: !!id });
  if (!id) return <DocumentEditor type={type} existing={null} key="new" />;
  return (
    <Loaded query={existing}>
      {(doc) =>
        doc.status === 'draft' ? (
          <DocumentEditor type={type} existing={doc} key={id} />
        ) : (
          <Alert color="blue" title={t('documents.editor.lockedTitle', { number: doc.number })}>
            {t('documents.editor.lockedBody')}{' '}
            <Anchor component={Link} to={docPath(type, doc.id)}>
              {t('documents.editor.open', { number: doc.number })}
            </Anchor>
          </Alert>
        )
      }
    </Loaded>
  );
}

export function blankDocument(
  type: DocType,
  settings: ReturnType<typeof useSettings>,
  customerId: number | null,
): DocumentForm {
  const today = localToday();
  return {
    type,
    customerId,
    issueDate: today,
    dueKind: type === 'invoice' ? 'terms' : 'date',
    dueTerms: settings.preferences.defaultPaymentTerms,
    dueDate: type === 'quote' ? addDays(today, 30) : today,
    currency: settings.preferences.baseCurrency,
    exchangeRate: '1',
    pricesIncludeTax: false,
    lines: [emptyLine()],
    discountKind: 'none',
    discountPercent: '',
    discountAmount: null,
    shipping: null,
    shippingTaxIds: [],
    reference: '',
    notes: '',
    terms: '',
    footer: '',
    relatedId: null,
    buyerReference: '',
    deliveryDate: null,
    deliveryEnd: null,
  };
}

/** Checks the editor can build a request at all; the server checks the rest. */
export function localErrors(
  values: DocumentForm,
  baseCurrency: string,
  sep: '.' | ',' = '.',
): Record<string, string> {
  const t = i18n.t;
  const errors: Record<string, string> = numberErrors(values, sep);
  if (values.customerId === null) errors.customerId = t('documents.errors.customer');
  values.lines.forEach((l, i) => {
    if (l.kind === 'item' && l.unitPrice === null)
      errors[`lines.${i}.unitPrice`] = t('documents.errors.unitPrice');
  });
  if (
    values.currency !== baseCurrency &&
    !isValidRate(parseDecimalInput(values.exchangeRate, sep, RATE_SCALE) ?? '')
  )
    errors.exchangeRate = t('documents.errors.exchangeRate', { example: sep === ',' ? '1,0845' : '1.0845' });
  return errors;
}

/** Puts the server's field messages on this form's fields. */
export function showDocumentErrors(form: Parameters<typeof showApiError>[0], error: unknown): void {
  if (error instanceof ApiError && Object.keys(error.fields).length) {
    form.setErrors(Object.fromEntries(Object.entries(error.fields).map(([k, m]) => [formPath(k), m])));
    // What is fixed elsewhere (the customer, the business profile, a tax: an e-invoice's needs) is said here too.
    if (Object.keys(error.fields).some((k) => /^(customer|business|tax|settings)\./.test(k)))
      notifyError(error);
  } else showApiError(form, error);
}

function DocumentEditor({ type, existing }: { type: DocType; existing: Document | null }) {
  const settings = useSettings();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const [saving, setSaving] = useState<null | 'draft' | 'issue'>(null);
  const [loadedVersion, setLoadedVersion] = useEditVersion(existing);
  const label = DOC[type];
  const sep = decimalSeparatorOf(settings.preferences.locale);
  const initial = useMemo(
    () =>
      existing
        ? fromDocument(existing, sep)
        : blankDocument(type, settings, params.get('customer') ? Number(params.get('customer')) : null),
    // The form takes its initial values once; another document remounts through `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const form = useForm<DocumentForm>({
    initialValues: initial,
    // A number typed wrong is named at its field at once, not at save.
    validate: (v) => numberErrors(v, sep),
    validateInputOnChange: true,
  });
  const pickCustomer = useCustomerDefaults(form, !existing);
  // A new document for a given customer (from the customer's page) takes their currency,
  // terms and default tax at once, line 1 included, as picking the customer does.
  useEffect(() => {
    if (!existing && initial.customerId !== null) void pickCustomer(initial.customerId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const taxes = useApi('taxes.list', { includeArchived: true }).data ?? [];
  const money = useMoneyFormat();
  useUnsavedGuard(form.isDirty() && saving === null);

  const save = async (andIssue: boolean, confirmed = false) => {
    // "Save and issue" asks the same question as "Issue" on the invoice's page.
    if (andIssue && type !== 'quote' && !confirmed) {
      const errors = localErrors(form.getValues(), settings.preferences.baseCurrency, sep);
      form.setErrors(errors);
      if (Object.keys(errors).length) return;
      confirmIssue(t, type, () => void save(true, true));
      return;
    }
    const errors = localErrors(form.getValues(), settings.preferences.baseCurrency, sep);
    form.setErrors(errors);
    if (Object.keys(errors).length) return;
    setSaving(andIssue ? 'issue' : 'draft');
    try {
      const input = toInput(form.getValues(), sep);
      const saved = existing
        ? await call('documents.update', { ...input, id: existing.id, version: loadedVersion })
        : await call('documents.create', input);
      // Saved: should issuing fail, the next save starts from this version.
      setLoadedVersion(saved.version);
      if (andIssue) {
        if (type === 'quote') await call('quotes.setStatus', { id: saved.id, status: 'sent' });
        else await call('documents.issue', { id: saved.id });
      }
      form.resetDirty();
      await Promise.all(
        ['documents', 'customers', 'audit'].map((d) => client.invalidateQueries({ queryKey: [d] })),
      );
      void navigate(docPath(type, saved.id));
    } catch (error) {
      setSaving(null);
      showDocumentErrors(form, error);
    }
  };
  useHotkeys([['mod+s', () => void save(false)]], []);

  const values = form.getValues();
  const total = previewTotals(values, taxes, sep).total;
  return (
    <Stack>
      <Title order={1} size="h2">
        {existing ? t('documents.editor.editTitle', { type }) : t('documents.name.new', { type })}
      </Title>
      {existing && type !== 'quote' && <PreflightPanel doc={existing} />}
      <DocumentFields form={form} type={type} pickCustomer={(id) => void pickCustomer(id)} />
      <StickyBar>
        <Text size="sm" c="dimmed" maw={480}>
          {type === 'invoice' ? t('documents.editor.hintInvoice') : t('documents.editor.hint')}
        </Text>
        {/* Small gaps and paddings: the German labels (the longest) still fit one row at 1024 px. */}
        <Group gap="sm">
          <Text fw={700} className="amount" aria-label={t('documents.editor.total')}>
            {t('common.total')} {money(total, values.currency, true)}
          </Text>
          <Button
            px="sm"
            variant="default"
            onClick={() => void navigate(existing ? docPath(type, existing.id) : label.list)}
          >
            {t('common.cancel')}
          </Button>
          <Button
            px="sm"
            variant="light"
            onClick={() => void save(false)}
            loading={saving === 'draft'}
            disabled={saving !== null}
          >
            {t('documents.editor.saveDraft')}
          </Button>
          <Button
            px="sm"
            onClick={() => void save(true)}
            loading={saving === 'issue'}
            disabled={saving !== null}
          >
            {type === 'quote' ? t('documents.editor.saveAndSend') : t('documents.editor.saveAndIssue')}
          </Button>
        </Group>
      </StickyBar>
    </Stack>
  );
}
