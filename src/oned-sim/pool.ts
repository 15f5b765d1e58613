// One pool of objects (oned's PoolSQL): lookup by id, ascending iteration, and the id counter.
// oned reserves ids below 100 for bootstrap objects in some pools (groups, clusters, datastores,
// zones...): explicit inserts may use them, new objects start at `firstId` (reference §4.12).
// Bounded: allocation beyond `max` objects is refused.

export class Pool<T extends { readonly id: number }> {
  private readonly byId = new Map<number, T>();
  private sorted: T[] = [];
  private lastId: number;

  constructor(
    private readonly firstId: number,
    readonly max: number,
  ) {
    this.lastId = firstId - 1;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: number): T | undefined {
    return this.byId.get(id);
  }

  /** Objects in ascending id order. The array is shared: do not modify it. */
  list(): readonly T[] {
    return this.sorted;
  }

  /** The id the next allocation gets. */
  nextId(): number {
    return Math.max(this.lastId + 1, this.firstId);
  }

  full(): boolean {
    return this.byId.size >= this.max;
  }

  insert(obj: T): T {
    if (this.byId.has(obj.id)) throw new RangeError(`object ${obj.id} already exists in this pool`);
    this.byId.set(obj.id, obj);
    const last = this.sorted[this.sorted.length - 1];
    if (!last || last.id < obj.id) this.sorted.push(obj);
    else {
      this.sorted.push(obj);
      this.sorted.sort((a, b) => a.id - b.id);
    }
    if (obj.id > this.lastId) this.lastId = obj.id;
    return obj;
  }

  remove(id: number): void {
    if (!this.byId.delete(id)) return;
    this.sorted = this.sorted.filter((o) => o.id !== id);
  }

  /** The first object whose name matches (names are unique per pool or per owner). */
  find(pred: (obj: T) => boolean): T | undefined {
    for (const o of this.sorted) if (pred(o)) return o;
    return undefined;
  }
}
