namespace StreamWorker.Aggregates.Common;

/// <summary>Tumbling windows aligned to the epoch, <c>[start, start + size)</c>.</summary>
public static class TumblingWindow
{
    public static long StartOf(long timeMs, long sizeMs)
    {
        // Floor division, so that times before the epoch land in the right window too.
        var remainder = timeMs % sizeMs;
        return remainder < 0 ? timeMs - remainder - sizeMs : timeMs - remainder;
    }

    /// <summary>A window closes when stream time reaches its end plus grace (docs/aggregates.md, "Late").</summary>
    public static bool IsClosed(long windowStartMs, long sizeMs, long graceMs, long streamTimeMs) =>
        streamTimeMs >= windowStartMs + sizeMs + graceMs;
}
