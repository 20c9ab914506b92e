import type { BenchResult } from './bench.types';

const fmt = (n: number | undefined) => (n === undefined ? '' : n >= 100 ? n.toFixed(0) : n.toFixed(2));

export function toTable(results: BenchResult[]): string {
  const rows = [
    ['benchmark', 'case', 'value', 'unit', 'baseline', 'ratio'],
    ...results.map((r) => [
      r.benchmark,
      r.case,
      fmt(r.value),
      r.unit,
      r.baseline ? `${fmt(r.baseline.value)} ${r.baseline.unit} (${r.baseline.tool})` : '',
      r.ratio === undefined ? '' : `${fmt(r.ratio)}×`,
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ')).join('\n');
}
