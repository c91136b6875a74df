import { useState } from 'react';
import {
  Button,
  Card,
  Group,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/api/contract';
import { LANGUAGES, languageName } from '../../../../shared/i18n';
import { useApi, useApiMutation } from '../../api/hooks';
import { DocumentLanguageSelect } from '../../components/DocumentLanguageSelect';
import { showApiError } from '../../lib/forms';
import { useUnsavedGuard } from '../../lib/useUnsavedGuard';

type LanguageSettings = Output<'printing.getLanguageSettings'>;
type Values = Pick<LanguageSettings, 'language' | 'format' | 'wording'>;

/**
 * Settings → Documents: the business's document language, how documents write dates and
 * amounts, and the business's own words per language over Folio's (doc.* of the catalogue).
 */
export function DocumentLanguageSection() {
  const settings = useApi('printing.getLanguageSettings', {});
  if (!settings.data) return null;
  return <LanguageForm initial={settings.data} />;
}

function LanguageForm({ initial }: { initial: LanguageSettings }) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: { language: initial.language, format: initial.format, wording: initial.wording },
  });
  const save = useApiMutation('printing.updateLanguageSettings', {
    invalidates: ['printing'],
    success: t('doc.ui.saved'),
  });
  useUnsavedGuard(form.isDirty());
  const values = form.getValues();
  const [editing, setEditing] = useState(initial.language);
  const [filter, setFilter] = useState('');
  // The list of words (over a hundred fields) is shown only when asked for.
  const [showWords, setShowWords] = useState(false);
  const own = values.wording[editing] ?? {};
  const changed = Object.values(own).filter((v) => v.trim() !== '').length;
  const q = filter.trim().toLocaleLowerCase();
  const rows = initial.words.filter(
    (w) =>
      !q ||
      (w.text[editing] ?? '').toLocaleLowerCase().includes(q) ||
      (own[w.key] ?? '').toLocaleLowerCase().includes(q),
  );

  const setWord = (key: string, text: string) =>
    form.setFieldValue('wording', { ...values.wording, [editing]: { ...own, [key]: text } });

  return (
    <form
      onSubmit={form.onSubmit((v) =>
        save.mutate(v, {
          onSuccess: (s) => {
            form.setInitialValues({ language: s.language, format: s.format, wording: s.wording });
            form.setValues({ language: s.language, format: s.format, wording: s.wording });
          },
          onError: (e) => showApiError(form, e),
        }),
      )}
    >
      <Card withBorder padding="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('doc.ui.sectionTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('doc.ui.sectionHint')}
          </Text>
          <DocumentLanguageSelect
            maw={320}
            value={values.language}
            onChange={(v) => v && form.setFieldValue('language', v)}
            error={form.errors.language}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('doc.ui.format')}
            </Text>
            <SegmentedControl
              aria-label={t('doc.ui.format')}
              data={[
                { value: 'business', label: t('doc.ui.formatBusiness') },
                { value: 'customer', label: t('doc.ui.formatCustomer') },
              ]}
              value={values.format}
              onChange={(v) => form.setFieldValue('format', v as Values['format'])}
              style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
            />
          </Stack>
          <Title order={3} size="h5" mt="sm">
            {t('doc.ui.wordingTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('doc.ui.wordingHint')}
          </Text>
          <Button
            variant="light"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => setShowWords((v) => !v)}
            aria-expanded={showWords}
          >
            {showWords ? t('doc.ui.wordingHide') : t('doc.ui.wordingShow', { count: changed })}
          </Button>
          {showWords && (
            <>
              <Group align="flex-end" wrap="wrap">
                <Select
                  label={t('doc.ui.wordingLanguage')}
                  data={LANGUAGES.map((l) => ({ value: l, label: languageName(l) }))}
                  value={editing}
                  onChange={(v) => v && setEditing(v)}
                  allowDeselect={false}
                  w={200}
                />
                <TextInput
                  label={t('doc.ui.wordingFilter')}
                  value={filter}
                  onChange={(e) => setFilter(e.currentTarget.value)}
                  w={240}
                />
                <Text size="sm" c="dimmed" pb={6}>
                  {t('doc.ui.wordingChanged', { count: changed })}
                </Text>
              </Group>
              <ScrollArea.Autosize mah={360}>
                <Table verticalSpacing={4}>
                  <Table.Tbody>
                    {rows.map((w) => (
                      <Table.Tr key={w.key}>
                        <Table.Td w="45%">
                          <Text size="sm">{w.text[editing]}</Text>
                        </Table.Td>
                        <Table.Td>
                          <TextInput
                            size="xs"
                            aria-label={t('doc.ui.ownWording', { word: w.text[editing] })}
                            value={own[w.key] ?? ''}
                            placeholder={w.text[editing]}
                            onChange={(e) => setWord(w.key, e.currentTarget.value)}
                            error={form.errors[`wording.${editing}.${w.key}`]}
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {rows.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('doc.ui.noMatch')}
                  </Text>
                )}
              </ScrollArea.Autosize>
            </>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              {t('doc.ui.save')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </form>
  );
}
