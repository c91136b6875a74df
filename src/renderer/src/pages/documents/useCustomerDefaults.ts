import type { UseFormReturnType } from '@mantine/form';
import { call } from '../../api/client';
import type { DocumentForm } from './editor-form';

/** Picking a customer for a new document takes their currency, payment terms and default tax
 * (no tax under the small-business exemption). */
export function useCustomerDefaults(form: UseFormReturnType<DocumentForm>, applyDefaults: boolean) {
  return async (id: number | null) => {
    form.setFieldValue('customerId', id);
    if (!id || !applyDefaults) return;
    const { customer } = await call('customers.get', { id });
    form.setFieldValue('currency', customer.currency);
    form.setFieldValue('dueTerms', customer.paymentTerms);
    // Under the small-business exemption (§ 19 UStG) lines get no tax.
    const exempt = (await call('settings.getSmallBusiness', {})).enabled;
    if (customer.defaultTaxId && !exempt) {
      const tax = String(customer.defaultTaxId);
      form.setFieldValue(
        'lines',
        form
          .getValues()
          .lines.map((l) => (l.kind === 'item' && l.taxIds.length === 0 ? { ...l, taxIds: [tax] } : l)),
      );
    }
  };
}
