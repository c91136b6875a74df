import type { AddressPosition, PaperSize } from '../../shared/domain/document-view';

/**
 * Page geometry in PDF points (1/72 inch). The recipient's address sits where the window of
 * the chosen envelope is:
 *  - DIN 5008 form B (A4, C5/6 or DL window envelopes): address field 45 mm from the top and
 *    20 mm from the left, 85 × 45 mm; the sender line sits at the foot of its upper 17.7 mm
 *    zone and the address proper starts 62.7 mm from the top, 25 mm from the left. Fold marks
 *    at 105 and 210 mm, punch mark at 148.5 mm.
 *  - US #10 window envelope (letter folded in three): the window is 4½ × 1⅛ in, ⅞ in from the
 *    left and ½ in from the bottom of the envelope; allowing for the letter sliding inside, the
 *    address starts 2⅛ in from the top and 1 in from the left and stays under 3⅜ in wide.
 */
export const MM = 72 / 25.4;
export const INCH = 72;

export interface Geometry {
  width: number;
  height: number;
  left: number;
  right: number;
  /** Top of page 1's header (logo, business block). */
  top: number;
  /** Top of the content on continuation pages. */
  continuedTop: number;
  /** Content must end above this line; the footer lives below it. */
  bottom: number;
  /** Top of the footer text. */
  footerY: number;
  returnLine: { x: number; y: number; width: number } | null;
  address: { x: number; y: number; width: number; bottom: number };
  meta: { x: number; y: number };
  foldMarks: number[];
  punchMark: number | null;
}

const SIZES: Record<PaperSize, [number, number]> = {
  A4: [595.28, 841.89],
  Letter: [612, 792],
};

export function geometry(paper: PaperSize, position: AddressPosition): Geometry {
  const [width, height] = SIZES[paper];
  if (position === 'din5008') {
    const left = 25 * MM;
    return {
      width,
      height,
      left,
      right: width - 20 * MM,
      top: 12 * MM,
      continuedTop: 15 * MM,
      bottom: height - 24 * MM,
      footerY: height - 18 * MM,
      returnLine: { x: left, y: 58.2 * MM, width: 80 * MM },
      address: { x: left, y: 62.7 * MM, width: 80 * MM, bottom: 90 * MM },
      meta: { x: 118 * MM, y: 45 * MM },
      foldMarks: paper === 'A4' ? [105 * MM, 210 * MM] : [],
      punchMark: paper === 'A4' ? height / 2 : null,
    };
  }
  const left = 1 * INCH;
  return {
    width,
    height,
    left,
    right: width - 0.75 * INCH,
    top: 0.5 * INCH,
    continuedTop: 0.55 * INCH,
    bottom: height - 0.95 * INCH,
    footerY: height - 0.65 * INCH,
    returnLine: null,
    address: { x: left, y: 2.125 * INCH, width: 3.375 * INCH, bottom: 3.0 * INCH },
    meta: { x: width - 0.75 * INCH - 3.05 * INCH, y: 1.75 * INCH },
    foldMarks: paper === 'Letter' ? [height / 3, (2 * height) / 3] : [],
    punchMark: null,
  };
}
