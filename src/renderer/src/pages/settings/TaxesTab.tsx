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
import { useTranslation } from 'react-i18next';
import type { SmallBusinessSetting } from '../../../../shared/api/settings';
import type { Tax } from '../../../../shared/api/catalog';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { showApiError, useEditVersion } from '../../lib/forms';
import { useSettings } from '../../app/useSettings';
import { decimalForInput, parseDecimalInput } from '../../../../shared/domain/number-input';
import { decimalSeparatorOf } from '../../../../shared/domain/money';
import { isValidPercent, PERCENT_SCALE } from '../../../../shared/domain/tax';

const KIND_LABELS = {
  standard: 'settings.taxes.kind.standard',
  zero_rated: 'settings.taxes.kind.zeroRated',
  exempt: 'settings.taxes.kind.exempt',
} as const;

/** Tax rates: exact percentages; compound for tax on tax; zero-rated and exempt with a reason. */
export function TaxesTab() {
  const { t } = useTranslation();
  const f = useFormat();
  const taxes = useApi('taxes.list', { includeArchived: true });
  const [editing, setEditing] = useState<Tax | 'new' | null>(null);
  const archive = useApiMutation('taxes.setArchived');
  const rows = taxes.data ?? [];
  return (
    <Stack maw={900}>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('settings.taxes.intro')}
        </Text>
        <Button onClick={() => setEditing('new')}>{t('settings.taxes.new')}</Button>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm">{t('settings.taxes.empty')}</Text>
      ) : (
        <Table withTableBorder aria-label={t('settings.tabs.taxes')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.name')}</Table.Th>
              <Table.Th className="num">{t('settings.taxes.rate')}</Table.Th>
              <Table.Th>{t('settings.taxes.kindLabel')}</Table.Th>
              <Table.Th>{t('settings.taxes.vatCategory')}</Table.Th>
              <Table.Th>{t('settings.taxes.printedReason')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((tax) => (
              <Table.Tr key={tax.id} c={tax.archived ? 'dimmed' : undefined}>
                <Table.Td>
                  {tax.name}{' '}
                  {tax.compound && (
                    <Badge size="xs" variant="light">
                      {t('settings.taxes.compound')}
                    </Badge>
                  )}{' '}
                  {tax.archived && (
                    <Badge size="xs" color="gray">
                      {t('settings.taxes.archived')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td className="num">{f.percent(tax.percent)}</Table.Td>
                <Table.Td>{t(KIND_LABELS[tax.kind])}</Table.Td>
                <Table.Td>
                  {tax.vatCategory}
                  {tax.vatexCode ? ` · ${tax.vatexCode}` : ''}
                </Table.Td>
                <Table.Td>{tax.reason}</Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => setEditing(tax)}
                      aria-label={t('settings.taxes.editNamed', { name: tax.name })}
                    >
                      {t('common.edit')}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="gray"
                      onClick={() =>
                        archive.mutate({ id: tax.id, archived: !tax.archived }, { onError: notifyError })
                      }
                    >
                      {tax.archived ? t('settings.taxes.unarchive') : t('settings.taxes.archive')}
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
  const { t } = useTranslation();
  const form = useForm({ initialValues: { enabled: setting.enabled, note: setting.note } });
  const save = useApiMutation('settings.updateSmallBusiness', {
    success: t('settings.taxes.smallBusiness.saved'),
  });
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
            {t('settings.taxes.smallBusiness.title')}
          </Title>
          <Switch
            label={t('settings.taxes.smallBusiness.enabled')}
            description={t('settings.taxes.smallBusiness.enabledHint')}
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
          <Textarea
            label={t('settings.taxes.smallBusiness.note')}
            description={t('settings.taxes.smallBusiness.noteHint')}
            placeholder={setting.defaultNote}
            autosize
            minRows={2}
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              {t('settings.taxes.smallBusiness.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function TaxModal({ tax, onClose }: { tax: Tax | null; onClose: () => void }) {
  const { t } = useTranslation();
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
        if (v === null) return t('settings.taxes.rateInvalid', { example: sep === ',' ? '9,975' : '9.975' });
        return isValidPercent(v) ? null : t('settings.taxes.rateRange');
      },
    },
    validateInputOnChange: ['percent'],
  });
  const create = useApiMutation('taxes.create', { success: t('settings.taxes.saved') });
  const update = useApiMutation('taxes.update', { success: t('settings.taxes.saved') });
  const [loadedVersion] = useEditVersion(tax);
  const submit = form.onSubmit(async (typed) => {
    const v = { ...typed, percent: parseDecimalInput(typed.percent, sep, PERCENT_SCALE) ?? typed.percent };
    try {
      if (tax) await update.mutateAsync({ ...v, id: tax.id, version: loadedVersion });
      else await create.mutateAsync(v);
      onClose();
    } catch (error) {
      showApiError(form, error);
    }
  });
  const v = form.getValues();
  return (
    <Modal
      opened
      onClose={onClose}
      title={tax ? t('settings.taxes.editNamed', { name: tax.name }) : t('settings.taxes.new')}
    >
      <form onSubmit={submit}>
        <Stack gap="xs">
          <TextInput
            label={t('settings.taxes.name')}
            withAsterisk
            placeholder={t('settings.taxes.namePlaceholder')}
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Select
            label={t('settings.taxes.kindLabel')}
            allowDeselect={false}
            data={[
              { value: 'standard', label: t('settings.taxes.kindOption.standard') },
              { value: 'zero_rated', label: t('settings.taxes.kindOption.zeroRated') },
              { value: 'exempt', label: t('settings.taxes.kindOption.exempt') },
            ]}
            {...form.getInputProps('kind')}
            onChange={(k) => {
              form.setFieldValue('kind', (k ?? 'standard') as Tax['kind']);
              if (k !== 'standard') form.setFieldValue('percent', '0');
            }}
          />
          <TextInput
            label={t('settings.taxes.ratePercent')}
            withAsterisk
            placeholder={t('settings.taxes.ratePlaceholder', { example: sep === ',' ? '9,975' : '9.975' })}
            classNames={{ input: 'num' }}
            disabled={v.kind !== 'standard'}
            {...form.getInputProps('percent')}
          />
          <Checkbox
            label={t('settings.taxes.compoundHint')}
            {...form.getInputProps('compound', { type: 'checkbox' })}
          />
          {v.kind !== 'standard' && (
            <TextInput
              label={t('settings.taxes.reason')}
              placeholder={t('settings.taxes.reasonPlaceholder')}
              {...form.getInputProps('reason')}
            />
          )}
          <Select
            label={t('settings.taxes.vatCategoryLabel')}
            description={t('settings.taxes.vatCategoryHint')}
            clearable
            data={CATEGORY_OPTIONS}
            {...form.getInputProps('vatCategory')}
          />
          {v.kind !== 'standard' && (
            <Select
              label={t('settings.taxes.vatex')}
              description={t('settings.taxes.vatexHint')}
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
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {t('settings.taxes.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
