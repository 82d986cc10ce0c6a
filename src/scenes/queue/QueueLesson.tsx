/** What the chosen pattern teaches, and how each piece maps to Go. */
import type { QueueParams } from './queue-params';
import type { QueueResult } from './queue-result';

const GO_MAPPING: [string, string][] = [
  ['Queue(maxsize=n)', 'make(chan T, n)'],
  ['Queue() (unbounded)', 'no equivalent: a channel always has a fixed buffer'],
  ['rendezvous (capacity 0)', 'make(chan T): unbuffered, a send waits for a receiver'],
  ['q.put(x) / q.get()', 'ch <- x / x := <-ch'],
  ['one None per consumer', 'close(ch): one close reaches every receiver'],
  ['while True: get(); if None: break', 'for x := range ch'],
  [
    'get(timeout=…) / get_nowait()',
    'select { case x := <-ch: … case <-time.After(d): … } / select with default',
  ],
  ['JoinableQueue: task_done() / join()', 'sync.WaitGroup: Done() / Wait() (Add(1) per put)'],
  ['q.empty(), q.qsize()', 'len(ch): equally stale the moment it returns'],
];

export function QueueLesson({ params, result }: { params: QueueParams; result: QueueResult | null }) {
  return (
    <section
      aria-label="What this shows"
      className="skip-offscreen space-y-4 rounded-xl border border-slate-200 p-4 text-[0.95rem] leading-relaxed dark:border-slate-800"
    >
      <h2 className="text-lg font-semibold">What this shows</h2>
      {params.pattern === 'sentinel' && !params.forgetSentinel && (
        <p>
          A consumer cannot tell “no item yet” from “no item ever”: <code>get()</code> just waits. So main
          tells each consumer explicitly, with a <strong>sentinel</strong> (the poison pill, <code>None</code>
          ) put after the producers have finished: <strong>one per consumer</strong>, because each consumer
          stops at the first one it takes. A queue hands each item to exactly one getter, so nothing is lost
          or duplicated{result ? ` (here: ${result.lost} lost, ${result.duplicated} duplicated)` : ''}.
        </p>
      )}
      {params.forgetSentinel && (
        <p>
          Main puts one <code>None</code> too few. Every item still arrives, and all but one consumer stop;
          the last one sits in <code>get()</code> on an empty queue that nobody will ever put to again. Python
          would hang in <code>join()</code> with no error. The scene notices the situation that cannot resolve
          (producers gone, sentinels sent, queue empty, a consumer asleep in get()), names the consumer, and
          terminates it.
          {result?.hang ? ` This time it was ${result.hang.consumer}.` : ''}
        </p>
      )}
      {params.pattern === 'joinable' && (
        <p>
          A <code>JoinableQueue</code> counts unfinished items: each <code>put()</code> adds one, each{' '}
          <code>task_done()</code> removes one, and <code>join()</code> waits for zero. That is Go’s{' '}
          <code>sync.WaitGroup</code> (<code>Add(1)</code>, <code>Done()</code>, <code>Wait()</code>). It
          tells main the <em>work</em> is done; the consumers still need their sentinels to exit. The canvas
          shows the counter under the queue.
        </p>
      )}
      {params.pattern === 'empty-poll' && (
        <p>
          <code>q.empty()</code> answers about a moment that is already over: between <code>empty()</code>{' '}
          returning False and <code>get_nowait()</code>, another consumer may take the item (a <em>race</em>,
          counted), and a queue that looks empty for a moment may fill again a microsecond later, after the
          consumer has quit. Python’s documentation says it plainly: because of multithreading/multiprocessing
          semantics, <code>empty()</code> is not reliable. Use sentinels, or <code>get(timeout=…)</code>.
        </p>
      )}
      {params.rendezvous && (
        <p>
          <strong>Rendezvous:</strong> a queue of capacity zero, like Go’s unbuffered channel.{' '}
          <code>put()</code> returns only once a consumer has taken the item, so producer and consumer meet;
          the depth never exceeds the one item being handed over. Python’s Queue has no such mode (
          <code>maxsize=1</code> is the closest).
        </p>
      )}
      {!params.rendezvous && params.maxsize > 0 && (
        <p>
          <code>maxsize={params.maxsize}</code> applies back-pressure: when consumers are slower, the queue
          fills and producers{' '}
          <span className="font-semibold text-rose-700 dark:text-rose-300">block in put()</span> (red ring).
          When producers are slower, consumers{' '}
          <span className="font-semibold text-amber-700 dark:text-amber-300">wait in get()</span> (dashed
          amber ring).
        </p>
      )}
      <div>
        <h3 className="mb-1 font-semibold">Python → Go</h3>
        <table className="w-full text-sm">
          <tbody>
            {GO_MAPPING.map(([py, go]) => (
              <tr key={py} className="border-t border-slate-200 align-top dark:border-slate-800">
                <td className="py-1 pr-3 font-mono text-xs">{py}</td>
                <td className="py-1 font-mono text-xs">{go}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
