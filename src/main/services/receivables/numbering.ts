import { msg } from '../../../shared/i18n';
import { formatDocumentNumber, type DocumentType } from '../../../shared/domain/numbering';
import { parseIsoDate } from '../../../shared/domain/dates';
import { AppError, fieldError } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import { storeOf, type ServiceContext } from '../context';

type SeriesRow = { prefix: string; include_year: number; padding: number; next_number: number };

function seriesOf(s: SeriesRow | undefined, type: DocumentType) {
  if (!s) throw new Error(`No number series for ${type}`);
  return {
    prefix: s.prefix,
    includeYear: s.include_year === 1,
    padding: s.padding,
    nextNumber: s.next_number,
  };
}

async function series(ctx: ServiceContext, type: DocumentType) {
  return seriesOf(
    await storeOf(ctx).first(qb.selectFrom('number_series').selectAll().where('doc_type', '=', type)),
    type,
  );
}

/**
 * The series read for taking a number: an UPDATE that changes nothing but takes the row's
 * write lock first (SQLite's transaction already holds the whole file). On shared books two
 * people issuing at the same moment are thus served one after the other: the second waits
 * here until the first commits and then reads the counter the first left (READ COMMITTED
 * re-reads the row after the wait), so they get consecutive numbers, never the same one.
 */
async function lockedSeries(ctx: ServiceContext, type: DocumentType) {
  return seriesOf(
    await storeOf(ctx).first(
      qb
        .updateTable('number_series')
        .set((eb) => ({ next_number: eb.ref('next_number') }))
        .where('doc_type', '=', type)
        .returningAll(),
    ),
    type,
  );
}

/** What the next document of this type will be numbered if issued on `date`. */
export async function previewNumber(ctx: ServiceContext, type: DocumentType, date: string): Promise<string> {
  const s = await series(ctx, type);
  return formatDocumentNumber(s, parseIsoDate(date).year, s.nextNumber);
}

/**
 * Takes the next number of the series. Call inside the issuing transaction: the counter and
 * the document move together or not at all, which keeps numbers gapless; the series row stays
 * locked until that transaction ends, and the unique index on (type, number) makes a
 * collision impossible rather than unlikely.
 */
export async function takeNumber(
  ctx: ServiceContext,
  type: DocumentType,
  issueDate: string,
): Promise<{ number: string; counter: number }> {
  const s = await lockedSeries(ctx, type);
  const number = formatDocumentNumber(s, parseIsoDate(issueDate).year, s.nextNumber);
  const taken = await storeOf(ctx).first(
    qb.selectFrom('documents').select('id').where('type', '=', type).where('number', '=', number),
  );
  if (taken) {
    throw new AppError('CONFLICT', msg('errors.numbering.numberNumberAlreadyUsed', { number }));
  }
  await storeOf(ctx).run(
    qb
      .updateTable('number_series')
      .set({ next_number: s.nextNumber + 1 })
      .where('doc_type', '=', type),
  );
  return { number, counter: s.nextNumber };
}

/** The editable next number may only move forward past every number already issued. */
export async function guardNextNumber(
  ctx: ServiceContext,
  type: DocumentType,
  nextNumber: number,
): Promise<void> {
  // Waits for an issue in progress (it holds the series row): its number counts below.
  await lockedSeries(ctx, type);
  const row = await storeOf(ctx).first(
    qb
      .selectFrom('documents')
      .select((eb) => eb.fn.max('number_counter').as('highest'))
      .where('type', '=', type),
  );
  const highest = Number(row?.highest ?? 0);
  if (nextNumber <= highest) {
    throw fieldError(
      'nextNumber',
      msg('errors.numbering.numbersUpHighestAre', { highest, highest1: highest + 1 }),
    );
  }
}
