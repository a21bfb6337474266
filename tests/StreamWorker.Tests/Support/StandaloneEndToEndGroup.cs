namespace StreamWorker.Tests.Support;

/// <summary>
/// End-to-end tests that start their own in-process StreamWorker (broker, gateway, processor) run apart, so
/// they do not inflate the process-wide heap and CPU that the reliability tests measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StandaloneEndToEndGroup
{
    public const string Name = "standalone end to end";
}
