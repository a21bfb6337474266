using System.Globalization;

namespace StreamWorker.Events;

/// <summary>The one time format of every record StreamWorker writes: ISO 8601, UTC, milliseconds.</summary>
public static class IsoTime
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToIso(this DateTimeOffset time) =>
        time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string FromUnixMilliseconds(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).ToIso();
}
