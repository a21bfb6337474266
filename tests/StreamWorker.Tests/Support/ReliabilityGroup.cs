namespace StreamWorker.Tests.Support;

/// <summary>
/// The reliability tests measure timings and memory under load on a small machine, so they run one at a time and
/// apart from every other collection: one of them measures the managed heap of the whole test process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityGroup
{
    public const string Name = "reliability";
}
