import type { Queue } from '@hotline/contracts';

/** Queues by id and by the number callers dial. */
export class QueueDirectory {
  #byId = new Map<string, Queue>();
  #byNumber = new Map<string, Queue>();

  constructor(queues: readonly Queue[]) {
    for (const queue of queues) this.put(queue);
  }

  put(queue: Queue): void {
    const previous = this.#byId.get(queue.id);
    if (previous) this.#byNumber.delete(previous.number);
    this.#byId.set(queue.id, queue);
    this.#byNumber.set(queue.number, queue);
  }

  byId(id: string): Queue | undefined {
    return this.#byId.get(id);
  }

  byNumber(number: string): Queue | undefined {
    return this.#byNumber.get(number);
  }

  list(): Queue[] {
    return [...this.#byId.values()];
  }
}
