import { FileInput, Group, Image, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOGO_MAX_BYTES } from '../../../shared/domain/images';
import { formatBytes } from '../lib/format';

/**
 * Picks a PNG or JPEG logo. The size is checked here to save an upload; the type is
 * checked by its bytes on the server, since a file name can lie.
 */
export function LogoPicker({
  value,
  onChange,
  error,
  currentUrl,
}: {
  value: File | null;
  onChange: (file: File | null) => void;
  error?: string;
  currentUrl?: string | null;
}) {
  const { t } = useTranslation();
  const [localError, setLocalError] = useState<string | null>(null);
  const preview = useMemo(() => (value ? URL.createObjectURL(value) : null), [value]);
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);

  const shown = preview ?? currentUrl ?? null;
  return (
    <Group align="flex-start">
      <Stack gap={4} style={{ flex: 1 }}>
        <FileInput
          label={t('components.logo.label')}
          description={t('components.logo.description', { size: formatBytes(LOGO_MAX_BYTES) })}
          placeholder={t('components.logo.placeholder')}
          accept="image/png,image/jpeg"
          clearable
          value={value}
          error={localError ?? error}
          onChange={(file) => {
            if (file && file.size > LOGO_MAX_BYTES) {
              setLocalError(
                t('components.logo.tooLarge', {
                  size: formatBytes(file.size),
                  limit: formatBytes(LOGO_MAX_BYTES),
                }),
              );
              onChange(null);
              return;
            }
            setLocalError(null);
            onChange(file);
          }}
        />
      </Stack>
      {shown ? (
        <Image src={shown} alt={t('components.logo.preview')} h={64} w="auto" fit="contain" radius="sm" />
      ) : (
        <Text size="xs" c="dimmed" mt={28}>
          {t('components.logo.none')}
        </Text>
      )}
    </Group>
  );
}
