using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StreamWorker.Events;
using StreamWorker.Kafka;

namespace StreamWorker.Gateway;

/// <summary>
/// Resolves the secrets the gateway runs with. With real Kafka they must be configured (validated at start);
/// with the embedded development broker, a missing token or hash key is generated, and a generated token is
/// shown once at start-up (the one exception to "tokens are never logged", docs/http-api.md).
/// </summary>
public sealed partial class GatewayCredentials
{
    public GatewayCredentials(IOptions<GatewayOptions> gateway, IOptions<PrivacyOptions> privacy, IOptions<KafkaOptions> kafka, ILogger<GatewayCredentials> logger)
    {
        var tokens = gateway.Value.SigningTokens.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (tokens.Count == 0 && kafka.Value.UseEmbedded)
        {
            var generated = "dev-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            tokens.Add(generated);
            GeneratedToken = generated;
            LogGeneratedToken(logger, generated);
        }

        Tokens = new SigningTokenValidator(tokens);
        HashKey = string.IsNullOrEmpty(privacy.Value.HashKey)
            ? RandomNumberGenerator.GetBytes(32)
            : Encoding.UTF8.GetBytes(privacy.Value.HashKey);
        PersonalData = privacy.Value.PersonalData;
    }

    public SigningTokenValidator Tokens { get; }

    /// <summary>The development token generated at start, if any.</summary>
    public string? GeneratedToken { get; }

    public byte[] HashKey { get; }

    public PersonalDataMode PersonalData { get; }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No Gateway:SigningTokens configured: generated a DEVELOPMENT signing token for the embedded broker. It is shown once: " + WebhookHeaders.SigningToken + ": {Token}")]
    private static partial void LogGeneratedToken(ILogger logger, string token);
}
