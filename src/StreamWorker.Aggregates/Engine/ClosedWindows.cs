namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// What stream time passing did: the final records of the windows it closed (in close order), the progress to
/// announce to later stages, and the presence that left with the conferences whose retention ended.
/// </summary>
public sealed class ClosedWindows
{
    /// <summary>Final records, each of the type its rule emits.</summary>
    public List<object> Finals { get; } = [];

    /// <summary>
    /// The partition's stream time, to announce to the stages that close windows by watermark, when it has just
    /// closed one more of their windows (the announcement is sent only when it closes something new there); null otherwise.
    /// </summary>
    public long? ProgressMs { get; set; }

    /// <summary>What the rules signalled for telemetry while closing (rule-defined records).</summary>
    public List<object> Signals { get; } = [];

    /// <summary>Members dropped with expired conferences, per presence set (<see cref="ConferenceEngine.PresenceSetNames"/>).</summary>
    public int[] Dropped { get; init; } = [];

    /// <summary>The final records of type <typeparamref name="T"/>.</summary>
    public IEnumerable<T> Of<T>() => Finals.OfType<T>();
}
