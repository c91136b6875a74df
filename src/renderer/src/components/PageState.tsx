import { Alert, Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';

/**
 * What a page shows while the record it needs loads, or when it cannot: a spinner, or the
 * error in words. `children` renders only once the data is there.
 */
export function Loaded<T>({
  query,
  children,
}: {
  query: { isPending: boolean; error: ApiError | null; data: T | undefined };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.error) return <Alert color="red">{query.error.message}</Alert>;
  if (query.isPending || query.data === undefined)
    return (
      <Center h={300}>
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  return <>{children(query.data)}</>;
}
