import { createTheme } from '@mantine/core';

/** Calm and dense: neutral greys, one indigo accent, tabular figures for every amount. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  // eslint-disable-next-line i18next/no-literal-string -- a CSS font stack
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '600' },
  components: {
    Table: { defaultProps: { verticalSpacing: 6, highlightOnHover: true } },
    TextInput: { defaultProps: { size: 'sm' } },
    // Never change a typed number behind the user's back (150 % silently became 50 %): an
    // out-of-range number stays as typed and its field says what is allowed.
    NumberInput: { defaultProps: { clampBehavior: 'none' } },
  },
});
