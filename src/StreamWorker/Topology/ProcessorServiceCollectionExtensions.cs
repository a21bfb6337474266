using Microsoft.Extensions.Options;
using StreamWorker.Kafka;
using StreamWorker.Topology.Failure;

namespace StreamWorker.Topology;

/// <summary>Registers the processor role: validated <see cref="ProcessorOptions"/> and the <see cref="ProcessorService"/>.</summary>
public static class ProcessorServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Processor</c> (validated at start: a bad value stops the process naming the key) and runs the
    /// topology as a hosted service. <see cref="TopicOptions"/> must be registered by the host.
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
        services.AddSingleton<ProcessorFailure>();
        services.AddSingleton(sp => new ProcessorService(
            sp.GetRequiredService<IOptions<ProcessorOptions>>(),
            sp.GetRequiredService<IOptions<TopicOptions>>(),
            () => bootstrapServers(sp),
            clientProperties(sp),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<ProcessorFailure>()));
        services.AddHostedService(sp => sp.GetRequiredService<ProcessorService>());
        return services;
    }

    /// <summary>
    /// Binds and validates <c>Processor</c> alone: every role needs it (the topic plan names the processor's
    /// internal topics). Registering twice is harmless.
    /// </summary>
    public static IServiceCollection AddProcessorOptions(this IServiceCollection services)
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
