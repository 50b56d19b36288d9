// The library API: everything the CLI does, as typed functions.
export { ingest, info, type IngestOptions, type TraceMeta } from './ingest/ingest.js'
export { readTrace, type ReadOptions, type TraceReader } from './ingest/read-trace.js'
export { InputError, UsageError } from './errors.js'
export { TABLES, TABLE_NAMES, type TableName } from '../tables/schema.js'
export { runAnalyses, type AnalyzeRun, type AnalysisOutput } from './analyze/run-analyses.js'
export { ANALYSES } from './analyze/analysis-registry.js'
export { foldTrace, foldWarnings, type FoldRun } from './flamegraph/fold-trace.js'
export type { FoldOptions, FoldedStacks } from '../analyses/fold/fold-stacks.js'
