import type { ServiceContext } from '../context';
import { loadSubject, logoOf } from '../printing/views';

/**
 * Factur-X 1.07 / ZUGFeRD 2.3, profile EN 16931: our PDF of the document as PDF/A-3b, with the
 * CII embedded as factur-x.xml (AFRelationship Alternative, in the catalog's /AF) and the
 * Factur-X extension schema in the XMP metadata.
 */
export const FACTURX_FILE_NAME = 'factur-x.xml';

export const FACTURX_XMP = `
<rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
  <fx:DocumentType>INVOICE</fx:DocumentType>
  <fx:DocumentFileName>${FACTURX_FILE_NAME}</fx:DocumentFileName>
  <fx:Version>1.0</fx:Version>
  <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas>
    <rdf:Bag>
      <rdf:li rdf:parseType="Resource">
        <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
        <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
        <pdfaSchema:prefix>fx</pdfaSchema:prefix>
        <pdfaSchema:property>
          <rdf:Seq>
${[
  ['DocumentFileName', 'The name of the embedded XML document'],
  ['DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER'],
  ['Version', 'The actual version of the standard applying to the embedded XML document'],
  ['ConformanceLevel', 'The conformance level of the embedded XML document'],
]
  .map(
    ([name, description]) => `            <rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>${name}</pdfaProperty:name>
              <pdfaProperty:valueType>Text</pdfaProperty:valueType>
              <pdfaProperty:category>external</pdfaProperty:category>
              <pdfaProperty:description>${description}</pdfaProperty:description>
            </rdf:li>`,
  )
  .join('\n')}
          </rdf:Seq>
        </pdfaSchema:property>
      </rdf:li>
    </rdf:Bag>
  </pdfaExtension:schemas>
</rdf:Description>`;

/** The Factur-X PDF of a document whose CII is `xml`. */
export async function facturxPdf(ctx: ServiceContext, id: number, xml: string): Promise<Buffer> {
  const subject = await loadSubject(ctx, { kind: 'document', id });
  const [{ loadEngine }, { renderPdf }] = await Promise.all([
    import('../../pdf/engine'),
    import('../../pdf/render'),
  ]);
  const engine = await loadEngine();
  const { pdf } = await renderPdf(engine, subject.view, subject.view.showLogo ? await logoOf(ctx) : null, {
    pdfa: {
      attachments: [
        {
          name: FACTURX_FILE_NAME,
          data: Buffer.from(xml, 'utf8'),
          mimeType: 'text/xml',
          description: 'Factur-X invoice (EN 16931)',
          relationship: 'Alternative',
        },
      ],
      xmp: FACTURX_XMP,
    },
  });
  return pdf;
}
