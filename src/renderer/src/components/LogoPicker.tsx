import { FileInput, Group, Image, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
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
  const [localError, setLocalError] = useState<string | null>(null);
  const preview = useMemo(() => (value ? URL.createObjectURL(value) : null), [value]);
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);

  const shown = preview ?? currentUrl ?? null;
  return (
    <Group align="flex-start">
      <Stack gap={4} style={{ flex: 1 }}>
        <FileInput
          label="Logo"
          description={`PNG or JPEG, up to ${formatBytes(LOGO_MAX_BYTES)}`}
          placeholder="Choose an image"
          accept="image/png,image/jpeg"
          clearable
          value={value}
          error={localError ?? error}
          onChange={(file) => {
            if (file && file.size > LOGO_MAX_BYTES) {
              setLocalError(
                `The logo is ${formatBytes(file.size)}; the limit is ${formatBytes(LOGO_MAX_BYTES)}. Choose a smaller file.`,
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
        <Image src={shown} alt="Logo preview" h={64} w="auto" fit="contain" radius="sm" />
      ) : (
        <Text size="xs" c="dimmed" mt={28}>
          No logo
        </Text>
      )}
    </Group>
  );
}
