/** The lines of a postal address as printed, skipping empty parts (postal code before city). */
export function addressLines(a: {
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}): string[] {
  const cityLine = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [a.line1, a.line2, cityLine, a.region, a.country].filter((l) => l.trim() !== '');
}
