import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VendorCredit } from '../../../../shared/api/einvoice-import';
import { useFormat } from '../bills/parts/format';
import { ApplyVendorCreditModal } from './ApplyVendorCreditModal';

/** On a vendor's credits list: what is left of a credit, and the button to apply it to bills. */
export function VendorCreditApply({ credit }: { credit: VendorCredit }) {
  const { t } = useTranslation();
  const { money } = useFormat();
  const [open, setOpen] = useState(false);
  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end">
      <Text size="sm" c={credit.remaining > 0 ? undefined : 'dimmed'} className="num">
        {t('vendorCredits.list.remaining', { amount: money(credit.remaining, credit.currency) })}
      </Text>
      {credit.remaining > 0 && (
        <Button
          size="compact-sm"
          variant="light"
          aria-label={t('vendorCredits.list.applyLabel', { number: credit.number || `#${credit.id}` })}
          onClick={() => setOpen(true)}
        >
          {t('vendorCredits.list.apply')}
        </Button>
      )}
      {open && <ApplyVendorCreditModal vendorCreditId={credit.id} onClose={() => setOpen(false)} />}
    </Group>
  );
}
