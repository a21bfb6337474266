namespace StreamWorker.Simulator.Cli;

/// <summary>The gateway addresses the commands accept: its base address or the full webhook URL.</summary>
internal static class CommandOptions
{
    public static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    /// <summary>Accepts the gateway's base address or the full webhook URL.</summary>
    public static Uri WebhookUrl(string text)
    {
        var url = Absolute(text);
        return url.AbsolutePath is "/" or "" ? new Uri(url, "/webhooks") : url;
    }

    /// <summary>Accepts the gateway's base address or the full webhook URL.</summary>
    public static Uri BaseUrl(string text) => new(Absolute(text), "/");

    private static Uri Absolute(string text) =>
        IsHttpUrl(text) ? new Uri(text, UriKind.Absolute) : throw new ArgumentException($"not an http(s) URL: '{text}'", nameof(text));
}
