import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { Input, Method, Output } from '../../../shared/api/contract';
import { i18n } from '../lib/i18n';
import { ApiError, call } from './client';

/** The domain of a method ("settings" for "settings.get"): a mutation refreshes its queries. */
const domainOf = (method: string) => method.split('.')[0]!;

export function useApi<M extends Method>(
  method: M,
  input: Input<M>,
  options: Omit<UseQueryOptions<Output<M>, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<Output<M>, ApiError>({
    queryKey: [domainOf(method), method, input],
    queryFn: () => call(method, input),
    ...options,
  });
}

/**
 * A call that changes data. On success every query of the listed domains (by default the
 * method's own) is refetched, so lists and totals never show stale figures. So they are on a
 * conflict too (a save refused because someone else changed the record): what is shown
 * behind the open form becomes the other person's save, and a form opened again starts from
 * it, while the open form keeps what was typed and the version it started from.
 */
export function useApiMutation<M extends Method>(
  method: M,
  options: { invalidates?: string[]; success?: string | ((value: Output<M>) => string) } = {},
) {
  const client = useQueryClient();
  const refresh = async () => {
    const domains = options.invalidates ?? [domainOf(method)];
    await Promise.all(domains.map((d) => client.invalidateQueries({ queryKey: [d] })));
  };
  return useMutation<Output<M>, ApiError, Input<M>>({
    mutationFn: (input) => call(method, input),
    onError: (error) => {
      if (error.code === 'CONFLICT') void refresh();
    },
    onSuccess: async (value) => {
      await refresh();
      if (options.success) {
        const message = typeof options.success === 'function' ? options.success(value) : options.success;
        notifications.show({ color: 'green', message });
      }
    },
  });
}

/** Shows a failure that has no field to sit next to. */
export function notifyError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  notifications.show({ color: 'red', title: i18n.t('app.notSaved'), message, autoClose: 8000 });
}
