namespace StreamWorker.Tests.Support;

/// <summary>
/// Runs the Prometheus dashboard test apart from every other test: OpenTelemetry subscribes to meters by name,
/// so another in-process StreamWorker alive at the same time would feed (or shadow) the same instruments.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservabilityGroup
{
    public const string Name = "observability";
}
