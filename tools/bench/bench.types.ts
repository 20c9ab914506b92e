/** One measured figure; `ratio` compares it with the raw tool's figure for the same work. */
export interface BenchResult {
  benchmark: string;
  case: string;
  value: number;
  unit: string;
  baseline?: { tool: string; value: number; unit: string };
  /** baseline / value for throughputs: how many times slower than the raw tool (1 = as fast). */
  ratio?: number;
  notes?: string;
}

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<BenchResult[]>;
}
