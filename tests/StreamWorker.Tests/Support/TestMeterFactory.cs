using System.Diagnostics.Metrics;

namespace StreamWorker.Tests.Support;

/// <summary>
/// Gives every caller a meter of its own (the host's factory shares one per name), so a test listens to the
/// instruments of its own telemetry instance only. The telemetry disposes its meter.
/// </summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    public Meter Create(MeterOptions options) => new(options);

    public void Dispose()
    {
    }
}
