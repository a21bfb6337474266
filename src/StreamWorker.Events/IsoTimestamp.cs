using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>Reads the envelope's ISO 8601 <c>timestamp</c> and normalises it to UTC with millisecond precision.</summary>
internal static class IsoTimestamp
{
    private const int MaxLength = 64;

    public static bool TryRead(ref Utf8JsonReader reader, out DateTimeOffset utc)
    {
        utc = default;
        if (reader.ValueSpan.Length > MaxLength * 6 || !reader.TryGetDateTimeOffset(out var parsed)) return false;

        ReadOnlySpan<byte> text;
        if (reader.ValueIsEscaped)
        {
            // Rare: the platform sends plain ASCII.
            var unescaped = new byte[reader.ValueSpan.Length];
            text = unescaped.AsSpan(0, reader.CopyString(unescaped));
        }
        else
        {
            text = reader.ValueSpan;
        }

        // A date alone is ISO 8601 but no event time; the reader accepts it, so insist on the time part.
        var timeStart = text.IndexOf((byte)'T');
        if (timeStart < 0) return false;

        // Without an offset the reader assumes the machine's zone; the platform means UTC.
        var hasOffset = text[timeStart..].IndexOfAny("Z+-"u8) >= 0;
        var instant = hasOffset ? parsed : new DateTimeOffset(parsed.DateTime, TimeSpan.Zero);
        var ticks = instant.UtcTicks;
        utc = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        return true;
    }
}
