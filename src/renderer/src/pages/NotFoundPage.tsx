import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

/** What an address Folio does not know shows, instead of a blank page: what happened and a way back. */
export function NotFoundPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const { t } = useTranslation();
  return (
    <Stack maw={560} py="xl" gap="md">
      <Title order={1} size="h2">
        {t('app.notFound.title')}
      </Title>
      <Text>
        {t('app.notFound.noPage')}{' '}
        <Text span ff="monospace">
          {location.pathname}
        </Text>
      </Text>
      <Text>{t('app.notFound.hint')}</Text>
      <Group>
        <Button component={Link} to="/dashboard">
          {t('app.notFound.toDashboard')}
        </Button>
        <Button variant="default" onClick={() => void navigate(-1)}>
          {t('app.notFound.back')}
        </Button>
      </Group>
    </Stack>
  );
}
