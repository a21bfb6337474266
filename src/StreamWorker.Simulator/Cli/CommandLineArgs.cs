using System.Globalization;
using System.Numerics;

namespace StreamWorker.Simulator.Cli;

/// <summary>
/// The simulator's command line: a command name followed by <c>--name value</c> pairs.
/// Hand-parsed because System.CommandLine is not pinned in the central package versions.
/// </summary>
internal sealed class CommandLineArgs
{
    private readonly Dictionary<string, string> _options;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private CommandLineArgs(string command, Dictionary<string, string> options)
    {
        Command = command;
        _options = options;
    }

    public string Command { get; }

    public static CommandLineArgs Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException("a command is required");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            string value;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                value = "true";
            }

            options[name] = value;
        }

        return new CommandLineArgs(args[0], options);
    }

    public string String(string name, string defaultValue) => Take(name) ?? defaultValue;

    public string? OptionalString(string name) => Take(name);

    public int Int(string name, int defaultValue, int min = int.MinValue, int max = int.MaxValue) =>
        Number(name, defaultValue, min, max, NumberStyles.Integer, "an integer");

    public double Double(string name, double defaultValue, double min = double.MinValue, double max = double.MaxValue) =>
        Number(name, defaultValue, min, max, NumberStyles.Float, "a number");

    public TimeSpan Duration(string name, TimeSpan defaultValue)
    {
        var text = Take(name);
        if (text is null)
        {
            return defaultValue;
        }

        return DurationText.TryParse(text, out var value)
            ? value
            : throw new UsageException($"--{name} must be a duration such as 500ms, 20s, 10m or 1h, got '{text}'");
    }

    public DateTimeOffset Time(string name, DateTimeOffset defaultValue)
    {
        var text = Take(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (string.Equals(text, "now", StringComparison.OrdinalIgnoreCase))
        {
            return DateTimeOffset.UtcNow;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new UsageException($"--{name} must be an ISO 8601 time or 'now', got '{text}'");
    }

    /// <summary>Fails on options nobody asked for, so that a typo does not silently fall back to a default.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option(s) for '{Command}': {string.Join(", ", unknown.Select(u => "--" + u))}");
        }
    }

    private T Number<T>(string name, T defaultValue, T min, T max, NumberStyles style, string kind)
        where T : INumber<T>
    {
        var text = Take(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!T.TryParse(text, style, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"--{name} must be {kind} between {min} and {max}, got '{text}'");
        }

        return value;
    }

    private string? Take(string name)
    {
        _read.Add(name);
        return _options.TryGetValue(name, out var value) ? value : null;
    }
}
