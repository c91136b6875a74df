import type { Sqlite } from '../open';

/**
 * E-invoices out (EN 16931): what the standard needs that Folio did not keep.
 * - business_profile: VAT ID (apart from the tax number), legal registration, electronic
 *   address with its EAS scheme, a contact person with phone and email.
 * - customers: electronic address and scheme, default buyer reference (Leitweg-ID), the
 *   e-invoice format the customer wants ('' = none). The VAT ID is the existing tax_number.
 * - documents: buyer reference, delivery date or service period (§14 UStG, BT-72/BG-14).
 * - taxes: EN 16931 VAT category and VATEX code; existing rates get S / Z / E from their kind.
 * - document_taxes: the same two, snapshotted with the rate, plus the reason text.
 */
export function up(db: Sqlite): void {
  db.exec(`
    ALTER TABLE business_profile ADD COLUMN vat_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE business_profile ADD COLUMN legal_registration TEXT NOT NULL DEFAULT '';
    ALTER TABLE business_profile ADD COLUMN eaddress TEXT NOT NULL DEFAULT '';
    ALTER TABLE business_profile ADD COLUMN eaddress_scheme TEXT NOT NULL DEFAULT '';
    ALTER TABLE business_profile ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE business_profile ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
    ALTER TABLE business_profile ADD COLUMN contact_email TEXT NOT NULL DEFAULT '';

    ALTER TABLE customers ADD COLUMN eaddress TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN eaddress_scheme TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN buyer_reference TEXT NOT NULL DEFAULT '';
    ALTER TABLE customers ADD COLUMN einvoice_format TEXT NOT NULL DEFAULT ''
      CHECK (einvoice_format IN ('', 'facturx', 'xrechnung-ubl', 'xrechnung-cii', 'peppol', 'en16931-ubl', 'en16931-cii'));

    ALTER TABLE documents ADD COLUMN buyer_reference TEXT NOT NULL DEFAULT '';
    ALTER TABLE documents ADD COLUMN delivery_date TEXT;
    ALTER TABLE documents ADD COLUMN delivery_end TEXT;

    ALTER TABLE taxes ADD COLUMN vat_category TEXT NOT NULL DEFAULT 'S'
      CHECK (vat_category IN ('S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'));
    ALTER TABLE taxes ADD COLUMN vatex_code TEXT NOT NULL DEFAULT '';
    UPDATE taxes SET vat_category = CASE kind WHEN 'zero_rated' THEN 'Z' WHEN 'exempt' THEN 'E' ELSE 'S' END;

    ALTER TABLE document_taxes ADD COLUMN vat_category TEXT NOT NULL DEFAULT 'S';
    ALTER TABLE document_taxes ADD COLUMN vatex_code TEXT NOT NULL DEFAULT '';
    ALTER TABLE document_taxes ADD COLUMN reason TEXT NOT NULL DEFAULT '';
    UPDATE document_taxes SET
      vat_category = (SELECT vat_category FROM taxes WHERE taxes.id = document_taxes.tax_id),
      reason = (SELECT reason FROM taxes WHERE taxes.id = document_taxes.tax_id);
  `);
}
