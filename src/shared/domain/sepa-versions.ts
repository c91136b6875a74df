/**
 * The SEPA credit transfer messages Folio writes. pain.001.001.09 (the 2019 message of the
 * EPC rulebooks since November 2023, which banks now expect) is the
 * default; pain.001.001.03 is offered for banking software that has not moved on yet.
 * Kept apart from sepa.ts so the screens can name the versions without its IBAN tables.
 */
export const SEPA_VERSIONS = ['pain.001.001.09', 'pain.001.001.03'] as const;
export type SepaVersion = (typeof SEPA_VERSIONS)[number];
export const DEFAULT_SEPA_VERSION: SepaVersion = 'pain.001.001.09';
