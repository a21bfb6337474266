namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// The size and generation of each presence set of a conference. <c>conference_end</c> empties a set of any size by
/// bumping its generation: members stored with an older generation are absent. Immutable, compared by value.
/// </summary>
public sealed class PresenceCounts : IEquatable<PresenceCounts>
{
    private readonly (int Count, int Generation)[] sets;

    public PresenceCounts(IEnumerable<(int Count, int Generation)> sets) => this.sets = [.. sets ?? throw new ArgumentNullException(nameof(sets))];

    public static PresenceCounts Empty(int sets) => new(Enumerable.Repeat((0, 0), sets));

    public int Length => sets.Length;

    public (int Count, int Generation) this[int set] => set < sets.Length ? sets[set] : (0, 0);

    public PresenceCounts With(int set, int count, int generation)
    {
        var copy = new (int, int)[Math.Max(sets.Length, set + 1)];
        sets.CopyTo(copy, 0);
        copy[set] = (count, generation);
        return new PresenceCounts(copy);
    }

    public bool Equals(PresenceCounts? other) => other is not null && sets.AsSpan().SequenceEqual(other.sets);

    public override bool Equals(object? obj) => Equals(obj as PresenceCounts);

    public override int GetHashCode() => sets.Aggregate(0, (h, s) => HashCode.Combine(h, s.Count, s.Generation));

    public override string ToString() => string.Join(" ", sets.Select(s => FormattableString.Invariant($"{s.Count}@{s.Generation}")));
}
