import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation, useNavigate } from 'react-router';

/** What an address Folio does not know shows, instead of a blank page: what happened and a way back. */
export function NotFoundPage() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <Stack maw={560} py="xl" gap="md">
      <Title order={1} size="h2">
        This page does not exist
      </Title>
      <Text>
        Folio has no page at{' '}
        <Text span ff="monospace">
          {location.pathname}
        </Text>
        . The link may be old or mistyped.
      </Text>
      <Group>
        <Button component={Link} to="/dashboard">
          Go to the dashboard
        </Button>
        <Button variant="default" onClick={() => void navigate(-1)}>
          Go back
        </Button>
      </Group>
    </Stack>
  );
}
