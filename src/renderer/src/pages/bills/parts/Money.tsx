import { Text, type TextProps } from '@mantine/core';
import { useFormat } from './format';

/** An amount: right-aligned tabular figures in the business locale. */
export function Money({ minor, currency, ...props }: { minor: number; currency: string } & TextProps) {
  const { money } = useFormat();
  return (
    <Text component="span" className="num" inherit {...props}>
      {money(minor, currency)}
    </Text>
  );
}
