import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { CATEGORY_OPTIONS, VATEX_OPTIONS } from '../einvoice/EinvoiceFields';
import { useFormat } from '../../lib/format';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import type { SmallBusinessSetting } from '../../../../shared/api/settings';
import type { Tax } from '../../../../shared/api/catalog';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { showApiError } from '../../lib/forms';
import { useSettings } from '../../app/useSettings';
import { decimalForInput, parseDecimalInput } from '../../../../shared/domain/number-input';
import { decimalSeparatorOf } from '../../../../shared/domain/money';
import { isValidPercent, PERCENT_SCALE } from '../../../../shared/domain/tax';

const KIND_LABELS = { standard: 'Standard', zero_rated: 'Zero-rated', exempt: 'Exempt' } as const;

/** Tax rates: exact percentages; compound for tax on tax; zero-rated and exempt with a reason. */
export function TaxesTab() {
  const f = useFormat();
  const taxes = useApi('taxes.list', { includeArchived: true });
  const [editing, setEditing] = useState<Tax | 'new' | null>(null);
  const archive = useApiMutation('taxes.setArchived');
  const rows = taxes.data ?? [];
  return (
    <Stack maw={900}>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          A rate used on a document cannot change later (the document keeps its own copy): archive it and add
          a new one.
        </Text>
        <Button onClick={() => setEditing('new')}>New tax</Button>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm">No taxes yet. Add your VAT or sales tax rates to put them on invoice lines.</Text>
      ) : (
        <Table withTableBorder aria-label="Taxes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th className="num">Rate</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>VAT category</Table.Th>
              <Table.Th>Printed reason</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((t) => (
              <Table.Tr key={t.id} c={t.archived ? 'dimmed' : undefined}>
                <Table.Td>
                  {t.name}{' '}
                  {t.compound && (
                    <Badge size="xs" variant="light">
                      Compound
                    </Badge>
                  )}{' '}
                  {t.archived && (
                    <Badge size="xs" color="gray">
                      Archived
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td className="num">{f.percent(t.percent)}</Table.Td>
                <Table.Td>{KIND_LABELS[t.kind]}</Table.Td>
                <Table.Td>
                  {t.vatCategory}
                  {t.vatexCode ? ` · ${t.vatexCode}` : ''}
                </Table.Td>
                <Table.Td>{t.reason}</Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => setEditing(t)}
                      aria-label={`Edit ${t.name}`}
                    >
                      Edit
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="gray"
                      onClick={() =>
                        archive.mutate({ id: t.id, archived: !t.archived }, { onError: notifyError })
                      }
                    >
                      {t.archived ? 'Restore' : 'Archive'}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <TaxModal tax={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <SmallBusinessCard />
    </Stack>
  );
}

/** The small-business exemption (Kleinunternehmerregelung, § 19 UStG) and its printed note. */
function SmallBusinessCard() {
  const setting = useApi('settings.getSmallBusiness', {});
  return setting.data ? <SmallBusinessForm setting={setting.data} /> : null;
}

function SmallBusinessForm({ setting }: { setting: SmallBusinessSetting }) {
  const form = useForm({ initialValues: { enabled: setting.enabled, note: setting.note } });
  const save = useApiMutation('settings.updateSmallBusiness', { success: 'Small-business exemption saved.' });
  useEffect(() => {
    form.setInitialValues({ enabled: setting.enabled, note: setting.note });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [setting.enabled, setting.note]);
  const submit = form.onSubmit(async (v) => {
    try {
      await save.mutateAsync(v);
      form.resetDirty(v);
    } catch (error) {
      showApiError(form, error);
    }
  });
  return (
    <Card withBorder padding="md" mt="md" component="section" aria-labelledby="small-business-title">
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Title order={2} size="h4" id="small-business-title">
            Small-business exemption (§ 19 UStG)
          </Title>
          <Switch
            label="My business charges no VAT under the small-business exemption (Kleinunternehmerregelung)"
            description="New invoices and quotes then start without tax, one with VAT cannot be saved, and the note below is printed under the totals."
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
          <Textarea
            label="Note printed on invoices"
            description="Leave empty to print the default shown."
            placeholder={setting.defaultNote}
            autosize
            minRows={2}
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Save exemption
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function TaxModal({ tax, onClose }: { tax: Tax | null; onClose: () => void }) {
  const sep = decimalSeparatorOf(useSettings().preferences.locale);
  const form = useForm({
    initialValues: {
      name: tax?.name ?? '',
      percent: tax ? decimalForInput(tax.percent, sep) : '',
      compound: tax?.compound ?? false,
      kind: tax?.kind ?? ('standard' as Tax['kind']),
      reason: tax?.reason ?? '',
      vatCategory: (tax?.vatCategory ?? null) as Tax['vatCategory'] | null,
      vatexCode: tax?.vatexCode ?? '',
    },
    // The rate in the locale's own way ("9,975"), checked as it is typed.
    validate: {
      percent: (p) => {
        const v = parseDecimalInput(p, sep, PERCENT_SCALE);
        if (v === null) return `Enter the rate as a number, like 23 or ${sep === ',' ? '9,975' : '9.975'}`;
        return isValidPercent(v) ? null : 'A tax rate is from 0 to 100 %';
      },
    },
    validateInputOnChange: ['percent'],
  });
  const create = useApiMutation('taxes.create', { success: 'Tax saved.' });
  const update = useApiMutation('taxes.update', { success: 'Tax saved.' });
  const submit = form.onSubmit(async (typed) => {
    const v = { ...typed, percent: parseDecimalInput(typed.percent, sep, PERCENT_SCALE) ?? typed.percent };
    try {
      if (tax) await update.mutateAsync({ ...v, id: tax.id });
      else await create.mutateAsync(v);
      onClose();
    } catch (error) {
      showApiError(form, error);
    }
  });
  const v = form.getValues();
  return (
    <Modal opened onClose={onClose} title={tax ? `Edit ${tax.name}` : 'New tax'}>
      <form onSubmit={submit}>
        <Stack gap="xs">
          <TextInput
            label="Tax name"
            withAsterisk
            placeholder="VAT 23%"
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Select
            label="Kind"
            allowDeselect={false}
            data={[
              { value: 'standard', label: 'Standard rate' },
              { value: 'zero_rated', label: 'Zero-rated (0%, e.g. exports)' },
              { value: 'exempt', label: 'Exempt or reverse charge (0%)' },
            ]}
            {...form.getInputProps('kind')}
            onChange={(k) => {
              form.setFieldValue('kind', (k ?? 'standard') as Tax['kind']);
              if (k !== 'standard') form.setFieldValue('percent', '0');
            }}
          />
          <TextInput
            label="Rate (%)"
            withAsterisk
            placeholder="23 or 9.975"
            classNames={{ input: 'num' }}
            disabled={v.kind !== 'standard'}
            {...form.getInputProps('percent')}
          />
          <Checkbox
            label="Compound: charged on the price plus the other taxes (as QST once was)"
            {...form.getInputProps('compound', { type: 'checkbox' })}
          />
          {v.kind !== 'standard' && (
            <TextInput
              label="Reason printed on the line"
              placeholder="Reverse charge: VAT to be accounted for by the recipient"
              {...form.getInputProps('reason')}
            />
          )}
          <Select
            label="VAT category on e-invoices"
            description="Empty: S for a standard rate, Z for zero-rated, E for exempt"
            clearable
            data={CATEGORY_OPTIONS}
            {...form.getInputProps('vatCategory')}
          />
          {v.kind !== 'standard' && (
            <Select
              label="VATEX exemption code"
              description="Where the category needs a reason, the code that says why"
              clearable
              searchable
              data={VATEX_OPTIONS}
              value={v.vatexCode || null}
              onChange={(c) => form.setFieldValue('vatexCode', c ?? '')}
              error={form.errors.vatexCode}
            />
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              Save tax
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
