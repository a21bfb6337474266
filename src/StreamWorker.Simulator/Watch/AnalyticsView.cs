using System.Text.Json;

namespace StreamWorker.Simulator.Watch;

/// <summary>
/// What the live view knows of the analytics topics: per topic, the latest record per (key, window_start), or per
/// (key, started_at) for sessions, as docs/topics.md tells consumers to keep them. Bounded: beyond <see cref="MaxRowsPerTopic"/> the oldest
/// windows are forgotten. Thread-safe: the consumer writes while the screen reads.
/// </summary>
internal sealed class AnalyticsView(IReadOnlyList<TopicLayout> layouts)
{
    public const int MaxRowsPerTopic = 5_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<(string Key, string WindowStart), WindowRow>> _rows =
        layouts.ToDictionary(l => l.Topic, _ => new Dictionary<(string, string), WindowRow>());

    private readonly Dictionary<string, long> _records = layouts.ToDictionary(l => l.Topic, _ => 0L);
    private long _unreadable;

    public IReadOnlyList<TopicLayout> Layouts { get; } = layouts;

    public long Unreadable => Interlocked.Read(ref _unreadable);

    /// <summary>Takes one output record; a later record for the same key and window replaces the earlier one.</summary>
    public void Apply(string topic, string key, string value)
    {
        var layout = Layouts.FirstOrDefault(l => l.Topic == topic);
        if (layout is null)
        {
            return;
        }

        WindowRow row;
        try
        {
            using var document = JsonDocument.Parse(value);
            var record = document.RootElement;
            if (record.ValueKind != JsonValueKind.Object
                || !record.TryGetProperty(layout.IdentityField, out var windowStart)
                || windowStart.ValueKind != JsonValueKind.String)
            {
                Interlocked.Increment(ref _unreadable);
                return;
            }

            row = new WindowRow(key, windowStart.GetString()!, TopicLayout.NumberValue(record, layout.SizeField),
                layout.Columns.Select(c => c.Format(record)).ToList());
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref _unreadable);
            return;
        }

        lock (_lock)
        {
            var rows = _rows[topic];
            rows[(row.Key, row.WindowStart)] = row;
            _records[topic]++;
            if (rows.Count > MaxRowsPerTopic)
            {
                foreach (var old in rows.Values.OrderBy(r => r.WindowStart, StringComparer.Ordinal).Take(rows.Count - (MaxRowsPerTopic * 9 / 10)).ToList())
                {
                    rows.Remove((old.Key, old.WindowStart));
                }
            }
        }
    }

    /// <summary>The most recent windows first, and within a window the busiest keys first.</summary>
    public IReadOnlyList<WindowRow> Latest(string topic, int count)
    {
        lock (_lock)
        {
            return _rows[topic].Values
                .OrderByDescending(r => r.WindowStart, StringComparer.Ordinal)
                .ThenByDescending(r => r.Size)
                .ThenBy(r => r.Key, StringComparer.Ordinal)
                .Take(count)
                .ToList();
        }
    }

    public long RecordsRead(string topic)
    {
        lock (_lock)
        {
            return _records[topic];
        }
    }

    public int Windows(string topic)
    {
        lock (_lock)
        {
            return _rows[topic].Count;
        }
    }
}
