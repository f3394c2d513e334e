/** Runs tasks with a global limit and a per-app limit, so one app's API is never flooded. */
export async function runBounded<T extends { pieceName: string }>(items: T[], limit: number, perApp: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  const active = new Map<string, number>();
  let running = 0;
  await new Promise<void>((resolve) => {
    const pump = () => {
      if (queue.length === 0 && running === 0) return resolve();
      for (let i = 0; i < queue.length && running < limit;) {
        const item = queue[i]!;
        if ((active.get(item.pieceName) ?? 0) >= perApp) {
          i++;
          continue;
        }
        queue.splice(i, 1);
        running++;
        active.set(item.pieceName, (active.get(item.pieceName) ?? 0) + 1);
        void work(item).finally(() => {
          running--;
          active.set(item.pieceName, (active.get(item.pieceName) ?? 1) - 1);
          pump();
        });
      }
    };
    pump();
  });
}
