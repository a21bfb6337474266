using System.Text;
using StreamWorker.Events;

namespace StreamWorker.Tests.Support;

/// <summary>Which event ids a topic holds, read back by the <c>event_id</c> header of its records.</summary>
public static class StoredEvents
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads the topic from the beginning until every one of <paramref name="expected"/> was seen, or
    /// <see cref="Limit"/> passed; returns the ids seen. Waiting for the expected ids, rather than for a quiet
    /// moment, keeps a slow consumer start on a busy machine from looking like a loss.
    /// </summary>
    public static HashSet<string> EventIds(TopicReader reader, IReadOnlyCollection<string> expected)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var missing = new HashSet<string>(expected, StringComparer.Ordinal);
        var examined = 0;
        reader.ReadUntil(
            records =>
            {
                for (; examined < records.Count; examined++)
                {
                    if (records[examined].Message.Headers.TryGetLastBytes(RecordHeaderNames.EventId, out var id))
                    {
                        var eventId = Encoding.ASCII.GetString(id);
                        seen.Add(eventId);
                        missing.Remove(eventId);
                    }
                }

                return missing.Count == 0;
            },
            Limit);
        return seen;
    }

    /// <summary>The ids of the acknowledged (202) outcomes.</summary>
    public static IReadOnlyCollection<string> Acknowledged(IEnumerable<LoadOutcome> outcomes) =>
        outcomes.Where(o => o.EventId is not null).Select(o => o.EventId!).ToHashSet(StringComparer.Ordinal);
}
