import { useTranslation } from 'react-i18next';
import { Anchor, Button, Group, Stack, Title } from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * The frame of every payables form (bill, purchase order, recurring bill, vendor): the title
 * with a Cancel link, an optional line below it, the form's cards, and the save buttons
 * at the bottom right.
 */
export function RecordForm({
  title,
  cancelTo,
  intro,
  onSubmit,
  footer,
  after,
  section = false,
  maw = 1100,
  children,
}: {
  title: ReactNode;
  cancelTo: string;
  intro?: ReactNode;
  onSubmit: FormEventHandler<HTMLFormElement>;
  /** The save buttons. */
  footer: ReactNode;
  /** What goes after the form (its dialogs). */
  after?: ReactNode;
  /** A form inside the bills section (under its title and tabs) takes a smaller heading. */
  section?: boolean;
  maw?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={maw}>
      <Group justify="space-between">
        <Title order={section ? 2 : 1} size={section ? 'h3' : 'h2'}>
          {title}
        </Title>
        <Anchor component={Link} to={cancelTo} size="sm">
          {t('common.cancel')}
        </Anchor>
      </Group>
      {intro}
      <form onSubmit={onSubmit}>
        <Stack gap="md">
          {children}
          <Group justify="flex-end">{footer}</Group>
        </Stack>
      </form>
      {after}
    </Stack>
  );
}

/** The form's submit button: "Save changes" on an existing record, else `label` ("Save vendor"). */
export function SaveButton({
  editing,
  label,
  loading,
}: {
  editing: boolean;
  label: string;
  loading: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Button type="submit" loading={loading}>
      {editing ? t('payables.form.saveChanges') : label}
    </Button>
  );
}
