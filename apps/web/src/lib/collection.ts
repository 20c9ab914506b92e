/** Filter by text over the given fields, then sort by one field (numbers as numbers). */
export function filterAndSort<T>(
  items: readonly T[],
  {
    text,
    fields,
    sortBy,
    descending,
  }: { text: string; fields: Array<keyof T>; sortBy?: keyof T; descending?: boolean },
): T[] {
  const needle = text.trim().toLowerCase();
  const kept = needle
    ? items.filter((item) =>
        fields.some((f) =>
          String(item[f] ?? '')
            .toLowerCase()
            .includes(needle),
        ),
      )
    : items.slice();
  if (sortBy) {
    kept.sort((a, b) => {
      const x = a[sortBy];
      const y = b[sortBy];
      const order =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x ?? '').localeCompare(String(y ?? ''));
      return descending ? -order : order;
    });
  }
  return kept;
}
