import { useInfiniteQuery } from '@tanstack/react-query';
import { tradesApi, type TradeFilters } from '../api/endpoints';

/** The trades matching the filters, page by page; SSE events update the loaded rows in place. */
export function useTrades(filters: TradeFilters) {
  return useInfiniteQuery({
    queryKey: ['trades', filters],
    queryFn: ({ pageParam }) => tradesApi.list(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
}
