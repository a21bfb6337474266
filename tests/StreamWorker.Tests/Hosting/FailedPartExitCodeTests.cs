using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamWorker.Hosting;

namespace StreamWorker.Tests.Hosting;

/// <summary>A background part that throws stops the host, and the process says so with its exit code instead of 0.</summary>
[Trait("Layer", "Integration")]
public sealed class FailedPartExitCodeTests
{
    [Fact]
    public async Task Run_WhenABackgroundPartThrows_ExitsWithTheFailedPartCode()
    {
        var config = new Dictionary<string, string?>
        {
            ["Role"] = "gateway",
            ["urls"] = "http://127.0.0.1:0",
            ["Kafka:Embedded:Port"] = "0",
        };

        var exitCode = await StreamWorkerApplication.RunAsync(() => Program.Create([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(config);
                builder.Services.AddHostedService<ThrowingPart>();
            }))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(StreamWorkerApplication.FailedPartExitCode, exitCode);
    }

    private sealed class ThrowingPart : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(100, stoppingToken);
            throw new InvalidOperationException("a part that fails");
        }
    }
}
