/** Polls `condition` until it holds or `timeoutMs` has passed (the caller then asserts it). */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline && !(await condition()); ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
