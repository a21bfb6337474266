namespace StreamWorker.Tests.Support;

/// <summary>
/// Tests that run processor child processes: one at a time and apart from every other test, so their time
/// bounds hold on two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessorProcessesGroup
{
    public const string Name = "Processor processes";
}
