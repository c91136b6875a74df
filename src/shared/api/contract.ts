import type { z } from 'zod';
import { bankApi } from './bank';
import { catalogApi } from './catalog';
import { customersApi } from './customers';
import { einvoiceImportApi } from './einvoice-import';
import { documentsApi } from './documents';
import { einvoiceApi } from './einvoice';
import { mailApi } from './mail';
import { paymentsApi } from './payments';
import { printingApi } from './printing';
import { recurringApi } from './recurring';
import { reportsApi } from './reports';
import { payablesApi } from './payables';
import { settingsApi } from './settings';
import { systemApi } from './system';
import { vendorCreditsApi } from './vendor-credits';
import { sharedBooksApi } from './shared-books';
import { sharedBooksServerApi } from './shared-books-server';

/**
 * The whole API: method name -> zod input and output schema. Main validates against it,
 * the renderer's client is typed from it. A new domain adds its own file and spreads it here.
 */
export const contract = {
  ...systemApi,
  ...settingsApi,
  ...catalogApi,
  ...customersApi,
  ...documentsApi,
  ...paymentsApi,
  ...recurringApi,
  ...printingApi,
  ...mailApi,
  ...reportsApi,
  ...payablesApi,
  ...einvoiceApi,
  ...bankApi,
  ...einvoiceImportApi,
  ...vendorCreditsApi,
  ...sharedBooksApi,
  ...sharedBooksServerApi,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
/** What a caller passes (before defaults and transforms). */
export type Input<M extends Method> = z.input<Contract[M]['input']>;
/** What a service receives (after parsing). */
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
/** What a caller receives. */
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
