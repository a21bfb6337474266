using System.Globalization;

namespace StreamWorker.Simulator.Cli;

/// <summary>Durations written the way people type them: <c>500ms</c>, <c>20s</c>, <c>10m</c>, <c>1h</c>, or a .NET time span.</summary>
internal static class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        (string suffix, double unitMs)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, unitMs) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && amount >= 0)
            {
                value = TimeSpan.FromMilliseconds(amount * unitMs);
                return true;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
    }
}
