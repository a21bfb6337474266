using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support;

/// <summary>Reads an output topic the way an analytics consumer does: the latest record per (key, window_start).</summary>
public static class OutputTopics
{
    public static Dictionary<(string Key, string WindowStart), JsonObject> Latest(StreamWorkerInstance sw, string topic, Func<Dictionary<(string, string), JsonObject>, bool> done, TimeSpan timeout)
    {
        var latest = new Dictionary<(string, string), JsonObject>();
        sw.Reader(topic).ReadUntil(
            records =>
            {
                latest.Clear();
                foreach (var record in records)
                {
                    var value = JsonNode.Parse(record.Message.Value)!.AsObject();
                    latest[(record.Message.Key ?? string.Empty, value["window_start"]!.GetValue<string>())] = value;
                }

                return done(latest);
            },
            timeout);
        return latest;
    }
}
