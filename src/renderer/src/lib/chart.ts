import { minorUnits } from '../../../shared/domain/currencies';
import { minorToDecimalString } from '../../../shared/domain/money';

/**
 * Charts plot plain numbers: amounts go in as decimals of the currency and come back to minor
 * units for the tooltip, which is formatted like every other amount. The float is display-only.
 */
export const toChart = (minor: number, currency: string): number =>
  Number(minorToDecimalString(minor, currency));
export const fromChart = (value: number, currency: string): number =>
  Math.round(value * 10 ** minorUnits(currency));
