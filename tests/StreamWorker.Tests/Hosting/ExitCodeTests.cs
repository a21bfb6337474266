using Microsoft.Extensions.Configuration;
using StreamWorker.Hosting;

namespace StreamWorker.Tests.Hosting;

/// <summary>The process's exit code at start (docs/operations.md): 2 for any configuration error, before a port is opened.</summary>
[Trait("Layer", "Unit")]
public sealed class ExitCodeTests
{
    [Theory]
    [InlineData("Gateway:AckTimeout=forever")]                     // the binder cannot convert the value
    [InlineData("Topics:Partitions=0")]                            // one section fails validation
    [InlineData("Topics:Partitions=0;Processor:Grace=00:00:00")]   // several sections fail validation
    [InlineData("Role=janitor")]
    [InlineData("Role=gateway;Kafka:BootstrapServers=127.0.0.1:9;Gateway:SigningTokens:0=exit-code-token;Privacy:HashKey=exit-code-hash-key-0123456789abcdef;Kafka:Client:no.such.property=1")] // librdkafka refuses the key
    public async Task Run_WithABadSetting_ExitsWithCode2(string settings)
    {
        var config = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Role"] = "all",
            ["urls"] = "http://127.0.0.1:0",
            ["Kafka:Embedded:Port"] = "0",
        };
        foreach (var setting in settings.Split(';'))
        {
            var (key, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            config[key] = value;
        }

        var exitCode = await StreamWorkerApplication.RunAsync(() => Program.Create([], builder => builder.Configuration.AddInMemoryCollection(config)))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(StartupConfigurationException.ExitCode, exitCode);
    }
}
