using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;
using StreamWorker.Topology.Failure;

namespace StreamWorker.Topology;

/// <summary>Registers the processor role: validated <see cref="ProcessorOptions"/>, its telemetry and the <see cref="ProcessorService"/>.</summary>
public static class ProcessorServiceCollectionExtensions
{
    /// <summary>
    /// The processor of the host: its clients use <see cref="KafkaConnection"/> (<c>AddKafka</c>), and the
    /// <see cref="ConsumerLagMonitor"/> measures its consumer group's lag.
    /// </summary>
    public static IServiceCollection AddStreamProcessor(this IServiceCollection services)
    {
        services.AddStreamProcessor(
            sp => sp.GetRequiredService<KafkaConnection>().BootstrapServers,
            sp => sp.GetRequiredService<KafkaConnection>().ClientProperties);
        services.AddHostedService<ConsumerLagMonitor>();
        return services;
    }

    /// <summary>
    /// Binds <c>Processor</c> (validated at start: a bad value stops the process naming the key) and runs the
    /// topology as a hosted service against the given cluster. <see cref="TopicOptions"/> must be registered by the host.
    /// The <see cref="ProcessorService"/> singleton is resolvable for readiness checks (<see cref="ProcessorService.IsRunning"/>).
    /// </summary>
    public static IServiceCollection AddStreamProcessor(
        this IServiceCollection services,
        Func<IServiceProvider, string> bootstrapServers,
        Func<IServiceProvider, IReadOnlyDictionary<string, string>> clientProperties)
    {
        ArgumentNullException.ThrowIfNull(bootstrapServers);
        ArgumentNullException.ThrowIfNull(clientProperties);
        services.AddProcessorOptions();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ProcessorTelemetry>();
        services.AddSingleton<ProcessorFailure>();
        services.AddSingleton<ProcessorLiveness>();
        services.AddSingleton<RetentionLoss>();
        services.AddSingleton(sp => new ProcessorService(
            sp.GetRequiredService<IOptions<ProcessorOptions>>(),
            sp.GetRequiredService<IOptions<TopicOptions>>(),
            () => bootstrapServers(sp),
            clientProperties(sp),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<ProcessorFailure>(),
            sp.GetRequiredService<ProcessorTelemetry>(),
            sp.GetRequiredService<ProcessorLiveness>(),
            sp.GetRequiredService<RetentionLoss>()));
        services.AddHostedService(sp => sp.GetRequiredService<ProcessorService>());
        return services;
    }

    /// <summary>
    /// The processor's internal topics in the topic plan, and <c>Processor</c> bound and validated, which names them:
    /// every role needs this, since the embedded broker creates every topic before any client starts.
    /// </summary>
    public static IServiceCollection AddProcessorTopics(this IServiceCollection services)
    {
        services.AddProcessorOptions();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInternalTopicSource, ProcessorInternalTopics>());
        return services;
    }

    /// <summary>Binds and validates <c>Processor</c> alone. Registering twice is harmless.</summary>
    private static IServiceCollection AddProcessorOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<ProcessorOptions>) && d.ImplementationType == typeof(ProcessorOptionsValidator)))
        {
            return services;
        }

        services.AddOptions<ProcessorOptions>()
            .BindConfiguration(ProcessorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProcessorOptions>, ProcessorOptionsValidator>();
        return services;
    }
}
