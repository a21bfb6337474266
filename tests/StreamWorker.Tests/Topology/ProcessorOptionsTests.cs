using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StreamWorker.Topology;

namespace StreamWorker.Tests.Topology;

[Trait("Layer", "Unit")]
public class ProcessorOptionsTests
{
    private static readonly ProcessorOptionsValidator Validator = new();

    [Fact]
    public void Defaults_AreTheContractsAndValid()
    {
        var options = new ProcessorOptions();

        Assert.Equal(
            (TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(15), TimeSpan.FromDays(1)),
            (options.ParticipantsWindow, options.ChurnWindow, options.DialoutWindow, options.Grace, options.DialoutGrace, options.StateRetention));
        Assert.Equal(("streamworker", "at_least_once", "memory", 1), (options.ApplicationId, options.Guarantee, options.StateStore, options.StreamThreads));
        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.Empty(DataAnnotationErrors(options));
    }

    [Fact]
    public void NonPositiveGrace_FailsNamingTheKey()
    {
        var result = Validator.Validate(null, new ProcessorOptions { Grace = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("Processor:Grace", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void RetentionShorterThanAWindowPlusGrace_Fails()
    {
        var result = Validator.Validate(null, new ProcessorOptions { StateRetention = TimeSpan.FromMinutes(20) });

        Assert.Contains("Processor:StateRetention", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("conference-participants,livestream-churn,dialout-of-sorts", "unknown aggregate 'dialout-of-sorts'")]
    [InlineData("conference-participants,conference-sessions", "need dialout-answer-rate")]
    [InlineData("livestream-churn, livestream-churn", "listed twice")]
    [InlineData(" , ", "lists no aggregate")]
    public void AggregatesListThatCannotRun_FailsSayingWhy(string aggregates, string why)
    {
        var result = Validator.Validate(null, new ProcessorOptions { Aggregates = aggregates });

        Assert.True(result.Failed);
        Assert.Contains("Processor:Aggregates", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(why, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AggregatesList_ReachesTheStagesSettings()
    {
        var options = new ProcessorOptions { Aggregates = " dialout-answer-rate , conference-participants" };

        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.Equal(AggregateSet.DialoutAnswerRate | AggregateSet.Participants, options.ToAggregateSettings().Aggregates);
        Assert.Equal(AggregateNames.All, new ProcessorOptions().ToAggregateSettings().Aggregates);
    }

    [Theory]
    [InlineData("Guarantee", "twice")]
    [InlineData("StateStore", "disk")]
    public void UnknownChoice_FailsDataAnnotations(string property, string value)
    {
        var options = new ProcessorOptions();
        typeof(ProcessorOptions).GetProperty(property)!.SetValue(options, value);

        Assert.Contains(DataAnnotationErrors(options), e => e.MemberNames.Contains(property));
    }

    [Fact]
    public void StreamConfig_CarriesTheGuaranteeAndClientProperties()
    {
        var config = ProcessorService.CreateConfig(
            new ProcessorOptions { Guarantee = "exactly_once", ApplicationId = "app" },
            "127.0.0.1:9092",
            new Dictionary<string, string> { ["security.protocol"] = "sasl_ssl", ["sasl.username"] = "svc", ["sasl.mechanism"] = "SCRAM-SHA-512" });

        Assert.Equal(Streamiz.Kafka.Net.ProcessingGuarantee.EXACTLY_ONCE, config.Guarantee);
        Assert.Equal(("app", "127.0.0.1:9092"), (config.ApplicationId, config.BootstrapServers));
        var consumer = config.ToConsumerConfig();
        Assert.Equal((Confluent.Kafka.SecurityProtocol.SaslSsl, "svc", Confluent.Kafka.SaslMechanism.ScramSha512), (consumer.SecurityProtocol, consumer.SaslUsername, consumer.SaslMechanism));
    }

    [Theory]
    [InlineData("Processor:Grace", "00:00:00")]
    [InlineData("Processor:Guarantee", "twice")]
    public void AddStreamProcessor_BadSetting_FailsNamingTheKey(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddSingleton<IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>();
        services.AddStreamProcessor(_ => "127.0.0.1:9092", _ => new Dictionary<string, string>());
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ProcessorOptions>>().Value);
        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStreamProcessor_BindsTheProcessorSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Processor:StateRetention"] = "2.00:00:00",
            ["Processor:StateStore"] = "rocksdb",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddSingleton<IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>();
        services.AddStreamProcessor(_ => "127.0.0.1:9092", _ => new Dictionary<string, string>());
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ProcessorOptions>>().Value;
        Assert.Equal((TimeSpan.FromDays(2), true), (options.StateRetention, options.UseRocksDb));
        Assert.False(provider.GetRequiredService<ProcessorService>().IsRunning);
    }

    private static List<ValidationResult> DataAnnotationErrors(ProcessorOptions options)
    {
        var results = new List<ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
