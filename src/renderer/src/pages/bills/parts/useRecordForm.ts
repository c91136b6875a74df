import type { UseFormReturnType } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../../api/hooks';
import { useUnsavedGuard } from '../../../lib/useUnsavedGuard';

/**
 * Leaving a form with unsaved changes asks first; once saved (`saved(id)`), the form goes to
 * `to(id)` without asking.
 */
export function useSaveAndGo(dirty: boolean, to: (id: number) => string) {
  const navigate = useNavigate();
  const [savedId, saved] = useState<number | null>(null);
  useUnsavedGuard(dirty && savedId === null);
  useEffect(() => {
    if (savedId !== null) void navigate(to(savedId));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when saved
  }, [savedId, navigate]);
  return saved;
}

/**
 * The vendor chosen in a form, loaded; on a new record, choosing one brings its currency.
 */
export function useChosenVendor<T extends { vendorId: string | null; currency: string }>(
  form: UseFormReturnType<T>,
  isNew: boolean,
) {
  const values = form.getValues();
  const vendorId = values.vendorId ? Number(values.vendorId) : null;
  const vendor = useApi('vendors.get', { id: vendorId ?? 0 }, { enabled: vendorId !== null });
  useEffect(() => {
    if (vendor.data && isNew) form.setFieldValue('currency' as never, vendor.data.currency as never);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when the vendor changes
  }, [vendor.data?.id]);
  return { vendorId, vendor };
}
