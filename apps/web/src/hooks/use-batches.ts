import { useInfiniteQuery } from '@tanstack/react-query';
import { batchesApi, type BatchFilters } from '../api/endpoints';

/** The batches matching the filters, newest first, page by page ("Load more"). */
export function useBatches(filters: BatchFilters) {
  return useInfiniteQuery({
    queryKey: ['batches', filters],
    queryFn: ({ pageParam }) => batchesApi.list(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
}
