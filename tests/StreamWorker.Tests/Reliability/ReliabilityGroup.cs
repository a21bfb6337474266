namespace StreamWorker.Tests.Reliability;

/// <summary>
/// The reliability tests measure timings and memory under load on a small machine, so they run one at a time
/// rather than competing with each other for the two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityGroup
{
    public const string Name = "reliability";
}
