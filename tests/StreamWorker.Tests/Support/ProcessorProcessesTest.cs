namespace StreamWorker.Tests.Support;

/// <summary>
/// Base of the reliability tests that run processor child processes: Integration layer, Reliability category, one at
/// a time in <see cref="ProcessorProcessesGroup"/>. xUnit reads these attributes from the base.
/// </summary>
[Collection(ProcessorProcessesGroup.Name)]
[Trait("Layer", "Integration")]
[Trait("Category", "Reliability")]
public abstract class ProcessorProcessesTest
{
    /// <summary>How long a processor may take to reach RUNNING, also after a restart or a rebalance.</summary>
    protected static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(40);

    /// <summary>How long a processor may take to emit the output of every event fed.</summary>
    protected static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(40);
}
