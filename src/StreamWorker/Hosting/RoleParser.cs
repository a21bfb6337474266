using Microsoft.Extensions.Options;

namespace StreamWorker.Hosting;

/// <summary>Reads the <c>Role</c> key before services are registered, since the role decides which ones are.</summary>
public static class RoleParser
{
    public const string Key = "Role";

    public static StreamWorkerRole Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => StreamWorkerRole.All,
        "gateway" => StreamWorkerRole.Gateway,
        "processor" => StreamWorkerRole.Processor,
        "broker" => StreamWorkerRole.Broker,
        _ => throw new OptionsValidationException(
            Key,
            typeof(StreamWorkerRole),
            [$"Role must be one of 'gateway', 'processor', 'all' or 'broker' (got '{value}')."]),
    };
}
