using Microsoft.Extensions.Options;

namespace StreamWorker.Hosting;

/// <summary>Reads the <c>Role</c> key before services are registered, since the role decides which ones are.</summary>
public static class RoleParser
{
    public const string Key = "Role";

    /// <summary>The configured role; <c>broker</c> also refuses a real Kafka bootstrap list.</summary>
    public static StreamWorkerRole Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var role = Parse(configuration[Key]);
        if (role == StreamWorkerRole.Broker && !string.IsNullOrWhiteSpace(configuration["Kafka:BootstrapServers"]))
        {
            throw Invalid("Role 'broker' runs the embedded development broker: leave Kafka:BootstrapServers empty.");
        }

        return role;
    }

    public static StreamWorkerRole Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => StreamWorkerRole.All,
        "gateway" => StreamWorkerRole.Gateway,
        "processor" => StreamWorkerRole.Processor,
        "broker" => StreamWorkerRole.Broker,
        _ => throw Invalid($"Role must be one of 'gateway', 'processor', 'all' or 'broker' (got '{value}')."),
    };

    private static OptionsValidationException Invalid(string failure) => new(Key, typeof(StreamWorkerRole), [failure]);
}
