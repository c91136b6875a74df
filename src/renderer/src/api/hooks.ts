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
 * method's own) is refetched, so lists and totals never show stale figures.
 */
export function useApiMutation<M extends Method>(
  method: M,
  options: { invalidates?: string[]; success?: string | ((value: Output<M>) => string) } = {},
) {
  const client = useQueryClient();
  return useMutation<Output<M>, ApiError, Input<M>>({
    mutationFn: (input) => call(method, input),
    onSuccess: async (value) => {
      const domains = options.invalidates ?? [domainOf(method)];
      await Promise.all(domains.map((d) => client.invalidateQueries({ queryKey: [d] })));
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
