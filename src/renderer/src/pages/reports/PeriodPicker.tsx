import { Group, Select } from '@mantine/core';
import { DateField } from '../../components/DateField';
import { addMonths, localToday, parseIsoDate, toIsoDate } from '../../../../shared/domain/dates';
import { useSettings } from '../../app/useSettings';
import { useTranslation } from 'react-i18next';

export interface Period {
  from: string;
  to: string;
}

/** Quick periods (this month, quarter, fiscal year…) and free dates. */
export function usePresets(): { value: string; label: string; period: Period }[] {
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const today = localToday();
  const { year, month } = parseIsoDate(today);
  const monthStart = toIsoDate(year, month, 1);
  const quarterStart = toIsoDate(year, Math.floor((month - 1) / 3) * 3 + 1, 1);
  let fyStart = toIsoDate(
    year,
    preferences.fiscalYearStartMonth,
    Math.min(preferences.fiscalYearStartDay, 28),
  );
  if (fyStart > today) fyStart = addMonths(fyStart, -12);
  const endOf = (start: string, months: number) => {
    const next = addMonths(start, months);
    const { year: y, month: m, day } = parseIsoDate(next);
    return toIsoDate(y, m, day - 1);
  };
  return [
    {
      value: 'month',
      label: t('reports.period.thisMonth'),
      period: { from: monthStart, to: endOf(monthStart, 1) },
    },
    {
      value: 'last-month',
      label: t('reports.period.lastMonth'),
      period: { from: addMonths(monthStart, -1), to: endOf(addMonths(monthStart, -1), 1) },
    },
    {
      value: 'quarter',
      label: t('reports.period.thisQuarter'),
      period: { from: quarterStart, to: endOf(quarterStart, 3) },
    },
    {
      value: 'last-quarter',
      label: t('reports.period.lastQuarter'),
      period: { from: addMonths(quarterStart, -3), to: endOf(addMonths(quarterStart, -3), 3) },
    },
    {
      value: 'fiscal-year',
      label: t('reports.period.thisFiscalYear'),
      period: { from: fyStart, to: endOf(fyStart, 12) },
    },
    {
      value: 'last-12',
      label: t('reports.period.last12Months'),
      period: { from: addMonths(monthStart, -11), to: endOf(monthStart, 1) },
    },
  ];
}

export function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const { t } = useTranslation();
  const presets = usePresets();
  const current =
    presets.find((p) => p.period.from === value.from && p.period.to === value.to)?.value ?? null;
  return (
    <Group align="flex-end">
      <Select
        label={t('reports.period.label')}
        placeholder={t('reports.period.custom')}
        data={presets.map((p) => ({ value: p.value, label: p.label }))}
        value={current}
        onChange={(v) => {
          const p = presets.find((x) => x.value === v);
          if (p) onChange(p.period);
        }}
        w={170}
      />
      <DateField
        label={t('reports.period.from')}
        value={value.from}
        onChange={(d) => d && onChange({ ...value, from: String(d).slice(0, 10) })}
        w={140}
      />
      <DateField
        label={t('reports.period.to')}
        value={value.to}
        onChange={(d) => d && onChange({ ...value, to: String(d).slice(0, 10) })}
        w={140}
      />
    </Group>
  );
}
