using System.Collections;
using Streamiz.Kafka.Net.Crosscutting;
using Streamiz.Kafka.Net.State.Enumerator;

namespace StreamWorker.Topology.State;

/// <summary>An enumerator over a copied range of a <see cref="CompactKeyValueStore"/>.</summary>
public sealed class ListKeyValueEnumerator(IReadOnlyList<KeyValuePair<Bytes, byte[]>> items) : IKeyValueEnumerator<Bytes, byte[]>
{
    private int _index = -1;

    public KeyValuePair<Bytes, byte[]>? Current => _index >= 0 && _index < items.Count ? items[_index] : null;

    object? IEnumerator.Current => Current;

    public bool MoveNext() => ++_index < items.Count;

    public Bytes PeekNextKey() => _index + 1 < items.Count ? items[_index + 1].Key : null!;

    public void Reset() => _index = -1;

    public void Dispose()
    {
        // A copy: nothing to release.
    }
}
