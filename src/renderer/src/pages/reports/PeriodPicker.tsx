import { Group, Select } from '@mantine/core';
import { DateField } from '../../components/DateField';
import { addMonths, localToday, parseIsoDate, toIsoDate } from '../../../../shared/domain/dates';
import { useSettings } from '../../app/useSettings';

export interface Period {
  from: string;
  to: string;
}

/** Quick periods (this month, quarter, fiscal year…) and free dates. */
export function usePresets(): { value: string; label: string; period: Period }[] {
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
    { value: 'month', label: 'This month', period: { from: monthStart, to: endOf(monthStart, 1) } },
    {
      value: 'last-month',
      label: 'Last month',
      period: { from: addMonths(monthStart, -1), to: endOf(addMonths(monthStart, -1), 1) },
    },
    { value: 'quarter', label: 'This quarter', period: { from: quarterStart, to: endOf(quarterStart, 3) } },
    {
      value: 'last-quarter',
      label: 'Last quarter',
      period: { from: addMonths(quarterStart, -3), to: endOf(addMonths(quarterStart, -3), 3) },
    },
    { value: 'fiscal-year', label: 'This fiscal year', period: { from: fyStart, to: endOf(fyStart, 12) } },
    {
      value: 'last-12',
      label: 'Last 12 months',
      period: { from: addMonths(monthStart, -11), to: endOf(monthStart, 1) },
    },
  ];
}

export function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const presets = usePresets();
  const current =
    presets.find((p) => p.period.from === value.from && p.period.to === value.to)?.value ?? null;
  return (
    <Group align="flex-end">
      <Select
        label="Period"
        placeholder="Custom"
        data={presets.map((p) => ({ value: p.value, label: p.label }))}
        value={current}
        onChange={(v) => {
          const p = presets.find((x) => x.value === v);
          if (p) onChange(p.period);
        }}
        w={170}
      />
      <DateField
        label="From"
        value={value.from}
        onChange={(d) => d && onChange({ ...value, from: String(d).slice(0, 10) })}
        w={140}
      />
      <DateField
        label="To"
        value={value.to}
        onChange={(d) => d && onChange({ ...value, to: String(d).slice(0, 10) })}
        w={140}
      />
    </Group>
  );
}
