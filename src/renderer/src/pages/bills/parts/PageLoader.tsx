import { Center, Loader } from '@mantine/core';

/** The spinner a record's page shows while the record loads; the label names the record. */
export function PageLoader({ label }: { label: string }) {
  return (
    <Center h={200}>
      <Loader aria-label={label} />
    </Center>
  );
}
