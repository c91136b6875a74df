import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribeServerAway } from '../api/client';
import { useApi } from '../api/hooks';

/** Seconds between tries while the server is away: 2 s doubling to 30 s. */
const RETRY_SECONDS = [2, 4, 8, 15, 30] as const;
/** How often the server is asked while it answers (one `SELECT 1`). */
const PROBE_MS = 15_000;

/**
 * Shared books only: when the server with the books cannot be reached (a call answered
 * DB_UNAVAILABLE, or the probe every 15 s found it away), a banner across the app says so at
 * once, over nothing: the screen and any form keep what the user typed. It asks the server
 * again with backoff (and at once on "Retry now"); when it answers, the banner goes and every
 * query is fetched again. A change that failed to save is not sent again by itself — the form
 * still holds it, and the banner says to press Save again. Local books: nothing runs.
 */
export function ServerAwayBanner() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useApi('sharedBooks.status', {}, { staleTime: Infinity });
  const shared = status.data?.mode === 'shared' && status.data.open;
  const [away, setAway] = useState(false);
  const [attempt, setAttempt] = useState(0);
  /** When the next try runs (ms since the epoch), and the clock the countdown shows against. */
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [checking, setChecking] = useState(false);
  const inFlight = useRef(false);

  const goneAway = useCallback(() => {
    const at = Date.now();
    setAway(true);
    setNow(at);
    setRetryAt((previous) => previous ?? at + RETRY_SECONDS[0] * 1000);
  }, []);

  useEffect(() => {
    if (!shared) return;
    return subscribeServerAway(goneAway);
  }, [shared, goneAway]);

  // While the server answers: one cheap probe now and then, so an idle screen learns too.
  useEffect(() => {
    if (!shared || away) return;
    const timer = window.setInterval(() => {
      call('sharedBooks.ping', {})
        .then((r) => {
          if (!r.reachable) goneAway();
        })
        .catch(() => {
          // Folio itself not answering is the ConnectionGuard's to say.
        });
    }, PROBE_MS);
    return () => window.clearInterval(timer);
  }, [shared, away, goneAway]);

  const check = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setChecking(true);
    let reachable = false;
    try {
      reachable = (await call('sharedBooks.ping', {})).reachable;
    } catch {
      // not answered: counts as another failed try
    } finally {
      inFlight.current = false;
      setChecking(false);
    }
    if (reachable) {
      setAway(false);
      setAttempt(0);
      setRetryAt(null);
      notifications.show({ color: 'green', message: t('sharedBooks.away.back') });
      // Reads are fetched again; failed writes are not (the forms still hold them).
      void queryClient.invalidateQueries();
      return;
    }
    const next = attempt + 1;
    const at = Date.now();
    setAttempt(next);
    setNow(at);
    setRetryAt(at + RETRY_SECONDS[Math.min(next, RETRY_SECONDS.length - 1)]! * 1000);
  }, [attempt, queryClient, t]);

  useEffect(() => {
    if (!away || retryAt === null) return;
    const timer = window.setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= retryAt) {
        window.clearInterval(timer);
        void check();
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, [away, retryAt, check]);

  const secondsLeft = retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - now) / 1000));
  if (!shared || !away) return null;
  return (
    <Alert
      color="orange"
      variant="filled"
      title={t('sharedBooks.away.title')}
      icon={<IconPlugConnectedX aria-hidden />}
      mb="md"
      style={{ position: 'sticky', top: 'calc(var(--app-shell-header-offset, 0px) + 8px)', zIndex: 150 }}
    >
      <Text size="sm">{t('sharedBooks.away.text')}</Text>
      <Group mt="xs" gap="sm">
        {checking ? (
          <Group gap={6}>
            <Loader size="xs" color="white" aria-hidden />
            <Text size="sm">{t('sharedBooks.away.retrying')}</Text>
          </Group>
        ) : (
          <Text size="sm" aria-live="polite">
            {t('sharedBooks.away.retryingIn', { seconds: secondsLeft })}
          </Text>
        )}
        <Button size="xs" variant="white" color="orange" onClick={() => void check()} disabled={checking}>
          {t('sharedBooks.away.retryNow')}
        </Button>
      </Group>
    </Alert>
  );
}
