namespace StreamWorker.Aggregates.Engine;

/// <summary>The outcome of one event at the conference stage: the decision and what to emit, in this order.</summary>
/// <param name="Outputs">What the rules emit for the event (window records, attempt changes), in rule order.</param>
public sealed record ConferenceStepResult(
    EventDecision Decision,
    AggregateSet AppliedBy,
    AggregateSet LateFor,
    IReadOnlyList<object> Outputs,
    ClosedWindows Closed)
{
    /// <summary>Change of each presence set's size (<see cref="ConferenceEngine.PresenceSetNames"/>), for the presence gauges.</summary>
    public IReadOnlyList<int> SetDeltas { get; init; } = [];

    /// <summary>What the rules signalled for telemetry (rule-defined records).</summary>
    public IReadOnlyList<object> Signals { get; init; } = [];

    /// <summary>The output of type <typeparamref name="T"/>, or null.</summary>
    public T? Output<T>() where T : class => Outputs.OfType<T>().FirstOrDefault();
}
