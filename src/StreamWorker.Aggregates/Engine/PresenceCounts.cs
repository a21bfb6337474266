namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// The size of each presence set of a conference, and the input offset of the event that last emptied it
/// (<c>conference_end</c> empties a set of any size without touching its members: members written at or before that
/// offset are absent; -1 when never emptied). Immutable, compared by value.
/// </summary>
public sealed class PresenceCounts : IEquatable<PresenceCounts>
{
    private readonly (int Count, long ClearedAt)[] sets;

    public PresenceCounts(IEnumerable<(int Count, long ClearedAt)> sets) => this.sets = [.. sets ?? throw new ArgumentNullException(nameof(sets))];

    public static PresenceCounts Empty(int sets) => new(Enumerable.Repeat((0, -1L), sets));

    public int Length => sets.Length;

    public (int Count, long ClearedAt) this[int set] => set < sets.Length ? sets[set] : (0, -1);

    public PresenceCounts With(int set, int count, long clearedAt)
    {
        var copy = new (int, long)[Math.Max(sets.Length, set + 1)];
        for (var i = sets.Length; i < copy.Length; i++) copy[i] = (0, -1);
        sets.CopyTo(copy, 0);
        copy[set] = (count, clearedAt);
        return new PresenceCounts(copy);
    }

    public bool Equals(PresenceCounts? other) => other is not null && sets.AsSpan().SequenceEqual(other.sets);

    public override bool Equals(object? obj) => Equals(obj as PresenceCounts);

    public override int GetHashCode() => sets.Aggregate(0, (h, s) => HashCode.Combine(h, s.Count, s.ClearedAt));

    public override string ToString() => string.Join(" ", sets.Select(s => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.Count} cleared at {s.ClearedAt}")));
}
