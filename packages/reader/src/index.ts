export { defaultJobs, jobFor, listText, parseCommand, type Command, type ReportJob } from './command.ts';
export { fileNameFor, findReport, FORMATS, REPORTS, type Format, type ReportDefinition } from './reports/index.ts';
export { runReports, type RunContext } from './run-reports.ts';
export type { WrittenReport } from './write-report.ts';
