import { useTranslation } from 'react-i18next';
import { Select, type SelectProps } from '@mantine/core';
import { useApi } from '../../../api/hooks';

/**
 * The vendor of a bill, order or recurring bill (labelled Vendor): required and searchable, from the vendor
 * list; `keep` adds a vendor the list no longer offers (an archived one already chosen).
 */
export function VendorSelect({ keep, ...props }: SelectProps & { keep?: { value: string; label: string } }) {
  const { t } = useTranslation();
  const vendors = useApi('vendors.list', {});
  const data = (vendors.data ?? []).map((x) => ({ value: String(x.id), label: x.name }));
  if (keep && !data.some((x) => x.value === keep.value)) data.push(keep);
  return <Select label={t('common.vendor')} withAsterisk searchable data={data} {...props} />;
}
