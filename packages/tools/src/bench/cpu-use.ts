import { startCpuTrace, type CpuSample } from './cpu-trace.ts';
import type { ServerCpu } from './server-cpu.ts';

/** CPU seconds a step used: the Node process that did the work, and the server (when it can be read). */
export interface CpuUse {
  nodeCpuSeconds: number;
  serverCpuSeconds?: number;
}

/** The server's CPU time, sampled while a step runs; stop() gives undefined when it cannot be read. */
export function traceServer(server: ServerCpu): { stop(): CpuSample[] | undefined } {
  if (!server.available) return { stop: () => undefined };
  return startCpuTrace(server.read);
}

/** Runs `work` in this process and counts the CPU it (and the server) used meanwhile. */
export async function withCpu<T>(server: ServerCpu, work: () => Promise<T>): Promise<{ value: T; cpu: CpuUse }> {
  const serverBefore = server.available ? server.read() : undefined;
  const nodeBefore = process.cpuUsage();
  const value = await work();
  const node = process.cpuUsage(nodeBefore);
  const cpu: CpuUse = { nodeCpuSeconds: (node.user + node.system) / 1e6 };
  if (server.available) cpu.serverCpuSeconds = server.read() - serverBefore!;
  return { value, cpu };
}
