import { createTheme } from '@mantine/core';

/** Calm and dense: neutral greys, one indigo accent, tabular figures for every amount. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '600' },
  components: {
    Table: { defaultProps: { verticalSpacing: 6, highlightOnHover: true } },
    TextInput: { defaultProps: { size: 'sm' } },
  },
});
