/**
 * How many maps the entries are spread over: a change copies the list of shards and the shards
 * it touches (~n/128 entries each), never all n entries.
 */
const shardCount = 128;

/** FNV-1a of the key, reduced to a shard's index. */
function shardOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shardCount;
}

/**
 * An immutable map from string keys with structural sharing: {@link ShardedRecord.with} makes a
 * new one in time proportional to the changes (the shards they fall in are copied, the others
 * shared), so a store can publish a new value per animation frame over thousands of entries.
 *
 * @remarks {@link ShardedRecord.record} shows it as a read-only plain object
 * (`record[key]`, `key in record`, `Object.keys`/`values`/`entries`, spread, JSON), for state
 * whose public type is a `Record`; writing to it throws in strict mode. Enumerating the record
 * costs O(n): hot paths use {@link ShardedRecord.get} and {@link ShardedRecord.values}.
 */
export class ShardedRecord<V> {
  private view: Readonly<Record<string, V>> | undefined;

  private constructor(
    private readonly shards: readonly ReadonlyMap<string, V>[],
    /** How many entries it holds. */
    readonly size: number,
  ) {}

  /** A record of `entries` (a later duplicate key wins). */
  static of<V>(entries: Iterable<readonly [string, V]>): ShardedRecord<V> {
    const shards = Array.from({ length: shardCount }, () => new Map<string, V>());
    for (const [key, value] of entries) shards[shardOf(key)]?.set(key, value);
    return new ShardedRecord<V>(shards, shards.reduce((sum, shard) => sum + shard.size, 0));
  }

  /** The empty record. */
  static empty<V>(): ShardedRecord<V> {
    return ShardedRecord.of<V>([]);
  }

  get(key: string): V | undefined {
    return this.shards[shardOf(key)]?.get(key);
  }

  has(key: string): boolean {
    return this.shards[shardOf(key)]?.has(key) ?? false;
  }

  /**
   * A new record with `changes` applied: a value sets its key, `undefined` deletes it.
   * @returns this same record when nothing changes (every value already there, every deleted key absent).
   */
  with(changes: ReadonlyMap<string, V | undefined>): ShardedRecord<V> {
    let shards: ReadonlyMap<string, V>[] | undefined;
    const copied = new Set<number>();
    let size = this.size;
    for (const [key, value] of changes) {
      const index = shardOf(key);
      const current = (shards ?? this.shards)[index];
      if (!current) continue;
      const present = current.has(key);
      if (value === undefined ? !present : present && current.get(key) === value) continue;
      shards ??= [...this.shards];
      let shard = current as Map<string, V>;
      if (!copied.has(index)) {
        shard = new Map(current);
        shards[index] = shard;
        copied.add(index);
      }
      if (value === undefined) {
        shard.delete(key);
        size -= 1;
      } else {
        if (!present) size += 1;
        shard.set(key, value);
      }
    }
    return shards ? new ShardedRecord(shards, size) : this;
  }

  *keys(): IterableIterator<string> {
    for (const shard of this.shards) yield* shard.keys();
  }

  *values(): IterableIterator<V> {
    for (const shard of this.shards) yield* shard.values();
  }

  /** The entries as a read-only plain object (one view per record, made when first asked for). */
  get record(): Readonly<Record<string, V>> {
    this.view ??= recordView(this);
    return this.view;
  }
}

/** A read-only object whose own enumerable properties are `source`'s entries. */
function recordView<V>(source: ShardedRecord<V>): Readonly<Record<string, V>> {
  const own = (key: string | symbol): key is string => typeof key === 'string' && source.has(key);
  return new Proxy<Record<string, V>>(
    {},
    {
      get: (target, key, receiver): unknown => (own(key) ? source.get(key) : Reflect.get(target, key, receiver)),
      has: (target, key) => own(key) || Reflect.has(target, key),
      ownKeys: () => [...source.keys()],
      getOwnPropertyDescriptor: (_target, key) => (own(key) ? { value: source.get(key), writable: false, enumerable: true, configurable: true } : undefined),
      set: () => false,
      defineProperty: () => false,
      deleteProperty: () => false,
      setPrototypeOf: () => false,
    },
  );
}
