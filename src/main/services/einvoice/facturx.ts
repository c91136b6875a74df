import type { ServiceContext } from '../context';

/** Placeholder until the Factur-X writer lands. */
export async function facturxPdf(_ctx: ServiceContext, _id: number, _xml: string): Promise<Buffer> {
  throw new Error('Factur-X is not built yet');
}
