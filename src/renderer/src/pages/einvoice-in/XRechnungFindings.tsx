import { Alert, Badge, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RuleFinding } from '../../../../shared/domain/einvoice-in/rules';

/** The EN 16931 findings of a file; the XRechnung ones are listed apart by XRechnungFindings. */
export const en16931Only = (findings: readonly RuleFinding[]) => findings.filter((f) => !f.ruleSet);

/**
 * The KoSIT XRechnung rules a file that claims XRechnung breaks (each in words with its rule id,
 * BR-DE-…), as warnings: Folio imports the bill as the vendor sent it. Shown only for files that
 * claim XRechnung (`claims`); a passing XRechnung file gets a badge.
 */
export function XRechnungFindings({
  findings,
  claims,
  compact = false,
}: {
  findings: readonly RuleFinding[];
  claims: boolean;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  if (!claims) return null;
  const mine = findings.filter((f) => f.ruleSet === 'XRechnung');
  const fatal = mine.filter((f) => f.severity === 'fatal');
  const advice = mine.filter((f) => f.severity === 'warning');
  return (
    <>
      {fatal.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          p={compact ? 'xs' : undefined}
          title={t('einvoiceIn.xrechnungBreaks', { count: fatal.length })}
        >
          <List size="sm">
            {fatal.map((f) => (
              <List.Item key={`${f.id}${f.message}`}>{f.message}</List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        !compact && (
          <Badge color="green" variant="light">
            {t('einvoiceIn.xrechnungPasses')}
          </Badge>
        )
      )}
      {advice.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('einvoiceIn.xrechnungAdvice', { list: advice.map((f) => f.message).join('; ') })}
        </Text>
      )}
    </>
  );
}
