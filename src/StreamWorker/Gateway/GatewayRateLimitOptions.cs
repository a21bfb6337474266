using System.ComponentModel.DataAnnotations;

namespace StreamWorker.Gateway;

/// <summary>
/// Per client address limit on <c>POST /webhooks</c>. Bound from <c>Gateway:RateLimit</c>. Off by default: the
/// platform delivers from a handful of addresses, so a per-address limit low enough to stop abuse would also
/// throttle legitimate bursts; operators switch it on where the gateway is exposed to other senders.
/// </summary>
public sealed class GatewayRateLimitOptions
{
    public const string SectionName = "Gateway:RateLimit";

    /// <summary>Sustained requests per second per client address; 0 turns the limit off.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Gateway:RateLimit:PermitsPerSecond must be between 0 (off) and 1000000.")]
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests a client may send at once above the sustained rate; 0 means the same as <see cref="PermitsPerSecond"/>.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Gateway:RateLimit:Burst must be between 0 and 1000000.")]
    public int Burst { get; set; }

    public bool Enabled => PermitsPerSecond > 0;

    public int EffectiveBurst => Burst > 0 ? Burst : PermitsPerSecond;
}
