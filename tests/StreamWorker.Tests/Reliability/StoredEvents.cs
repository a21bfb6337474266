using System.Text;
using StreamWorker.Tests.Support;

namespace StreamWorker.Tests.Reliability;

/// <summary>The <c>event_id</c> header of every record a topic holds now.</summary>
public static class StoredEvents
{
    public static HashSet<string> EventIds(TopicReader reader) =>
        reader.ReadAll(TimeSpan.FromSeconds(2))
            .Select(r => r.Message.Headers.TryGetLastBytes("event_id", out var id) ? Encoding.ASCII.GetString(id) : string.Empty)
            .ToHashSet(StringComparer.Ordinal);
}
