// The page's automation API, as the specs see it (the app declares the full type in src/app).
interface Window {
  playground: {
    scenes(): { id: string; title: string; needsSharedMemory: boolean }[];
    run(id: string, params?: Record<string, unknown>): Promise<unknown>;
    stop(): Promise<void>;
    readonly isolated: boolean;
    liveWorkers(): number;
  };
}
