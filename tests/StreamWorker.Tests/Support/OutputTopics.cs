using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support;

/// <summary>Reads an output topic the way an analytics consumer does: the latest record per (key, window_start).</summary>
public static class OutputTopics
{
    public static Dictionary<(string Key, string WindowStart), JsonObject> Latest(StreamWorkerInstance sw, string topic, Func<Dictionary<(string, string), JsonObject>, bool> done, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(sw);
        var latest = new Dictionary<(string, string), JsonObject>();
        sw.Reader(topic).ReadUntil(records => done(latest = TopicSnapshot.LatestByWindow(records.Select(r => r.Message))), timeout);
        return latest;
    }
}
