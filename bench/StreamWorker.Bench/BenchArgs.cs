namespace StreamWorker.Bench;

/// <summary><c>--name value</c> pairs; <c>--set key=value</c> may repeat (librdkafka properties, as <c>Kafka:Client:*</c>).</summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Dictionary<string, string> ClientProperties { get; } = new(StringComparer.Ordinal);

    public static BenchArgs Parse(IEnumerable<string> args)
    {
        var parsed = new BenchArgs();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current.StartsWith("--", StringComparison.Ordinal) ? e.Current[2..] : throw new ArgumentException($"unexpected argument '{e.Current}'");
            var value = e.MoveNext() ? e.Current : throw new ArgumentException($"--{name} needs a value");
            if (name == "set")
            {
                var equals = value.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0) throw new ArgumentException($"--set needs key=value, got '{value}'");
                parsed.ClientProperties[value[..equals]] = value[(equals + 1)..];
            }
            else
            {
                parsed._values[name] = value;
            }
        }

        return parsed;
    }

    public string String(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public string Required(string name) => _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
