import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Input } from '../../../../shared/api/contract';
import { call } from '../../api/client';
import { notifyError } from '../../api/hooks';
import { download } from '../../lib/download';
import { useTranslation } from 'react-i18next';

/** Title, parameters and the export and print buttons every report shares. */
export function ReportFrame({
  title,
  description,
  controls,
  csv,
  children,
}: {
  title: string;
  description?: ReactNode;
  controls?: ReactNode;
  csv?: Input<'reports.exportCsv'>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const exportCsv = async () => {
    if (!csv) return;
    try {
      const file = await call('reports.exportCsv', csv);
      download(file.fileName, file.csv);
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <Stack>
      <Stack gap={2}>
        <Anchor component={Link} to="/reports" size="sm" className="no-print">
          ← {t('reports.index.title')}
        </Anchor>
        <Title order={1} size="h2">
          {title}
        </Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </Stack>
      <Group justify="space-between" className="no-print">
        <Group>{controls}</Group>
        <Group>
          {csv && (
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              onClick={() => void exportCsv()}
            >
              {t('reports.frame.exportCsv')}
            </Button>
          )}
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
            {t('common.print')}
          </Button>
        </Group>
      </Group>
      {children}
    </Stack>
  );
}
