using System.ComponentModel.DataAnnotations;

namespace StreamWorker.Gateway;

/// <summary>The webhook endpoint's settings (docs/http-api.md, docs/configuration.md). Bound from <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Accepted <c>x-signing-token</c> values; several at once allow rotation.</summary>
    public List<string> SigningTokens { get; set; } = [];

    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "Gateway:MaxBodyBytes must be between 1024 and 16777216.")]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Gateway:AckTimeout must be between 00:00:00.100 and 00:05:00.")]
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Gateway:MaxClockSkew must be between 00:00:00 and 7.00:00:00.")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Seconds a sender is asked to wait (<c>Retry-After</c>) after a 503.</summary>
    [Range(1, 3600, ErrorMessage = "Gateway:RetryAfterSeconds must be between 1 and 3600.")]
    public int RetryAfterSeconds { get; set; } = 5;
}
