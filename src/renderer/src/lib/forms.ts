import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { notifyError } from '../api/hooks';
import { i18n } from './i18n';

/**
 * Puts the server's field messages next to the fields of a form. The API names fields by
 * their dotted path in the input, which is the form's path too (optionally under a prefix
 * when the form holds only part of the input). Errors with no field become a notification.
 */
export function showApiError<T>(
  form: UseFormReturnType<T>,
  error: unknown,
  options: { stripPrefix?: string } = {},
): string[] {
  if (!(error instanceof ApiError) || Object.keys(error.fields).length === 0) {
    notifyError(error);
    return [];
  }
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    const key =
      options.stripPrefix && path.startsWith(options.stripPrefix)
        ? path.slice(options.stripPrefix.length)
        : path;
    errors[key] = message;
  }
  form.setErrors(errors);
  return Object.keys(errors);
}

/** Reads a picked file as base64 (without the data: prefix), for upload through the API. */
export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(i18n.t('components.fileUnreadable')));
    reader.readAsDataURL(file);
  });
}

/**
 * The version of a record as it was when its form opened, for the save to name (edit versions:
 * a save from an older version is refused with who changed it). Not the record's current
 * version: its query can be fetched again while the form is open (shared books fetch every
 * answer anew on focus), and sending that one would let this save overwrite another person's
 * save made in between. A form that stays open after a save sets the saved version.
 */
export function useEditVersion(record: { version: number } | null | undefined) {
  return useState(record?.version);
}
