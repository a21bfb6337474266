using Microsoft.Extensions.Options;
using StreamWorker.Events;
using StreamWorker.Kafka;

namespace StreamWorker.Gateway;

/// <summary>Rules that span sections: real Kafka needs real secrets, never generated ones.</summary>
public sealed class GatewayOptionsValidator(IOptions<KafkaOptions> kafka, IOptions<PrivacyOptions> privacy) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (!kafka.Value.UseEmbedded && !options.SigningTokens.Any(t => !string.IsNullOrWhiteSpace(t)))
        {
            failures.Add("Gateway:SigningTokens is empty: with Kafka:BootstrapServers set, configure at least one token (Gateway__SigningTokens__0) from a secret.");
        }

        if (!kafka.Value.UseEmbedded && privacy.Value.PersonalData == PersonalDataMode.Hash && string.IsNullOrEmpty(privacy.Value.HashKey))
        {
            failures.Add("Privacy:HashKey is required when Privacy:PersonalData is 'hash' and Kafka:BootstrapServers is set (hashes must stay stable across restarts).");
        }

        if (privacy.Value.HashKey is { Length: > 0 and < 16 })
        {
            failures.Add("Privacy:HashKey must be at least 16 characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
