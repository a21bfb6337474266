using StreamWorker.Topology;

namespace StreamWorker.Tests.Topology;

/// <summary><c>Processor:StateStore=rocksdb</c> keeps the same state as the in-memory default.</summary>
[Trait("Layer", "Unit")]
public sealed class RocksDbTopologyTests : IDisposable
{
    private readonly string stateDirectory = Path.Combine(Path.GetTempPath(), "streamworker-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void RocksDbStore_GivesTheSameRecordsAsTheMemoryStore()
    {
        using var memory = new TopologyHarness();
        // The test driver does not commit, so the store is read with every change written through.
        using var rocksDb = new TopologyHarness(new ProcessorOptions { StateStore = "rocksdb", StateDirectory = stateDirectory, WriteCacheKeys = 0 });
        foreach (var h in new[] { memory, rocksDb })
        {
            h.Pipe("e1", "enter_conference", Time(0, 10), Enter(1));
            h.Pipe("e2", "enter_conference", Time(5), Enter(2));
            h.Pipe("e2", "enter_conference", Time(5), Enter(2));
            h.Pipe("e3", "leave_conference", Time(0, 20), Leave(1));
            h.Pipe("d1", "dialout_status_change", Time(5, 10), Dial(1, "new"));
            h.Pipe("d2", "dialout_status_change", Time(5, 20), Dial(1, "answered"));
        }

        // An update, the final record of [0:00, 0:01) (closed by stream time 0:05), an update; one late event.
        Assert.Equal(4, rocksDb.Participants.Count + rocksDb.DeadLetters.Count);
        Assert.Equal(memory.Participants, rocksDb.Participants);
        Assert.Equal(memory.Dialout, rocksDb.Dialout);
        Assert.Equal(memory.DeadLetters.Select(r => r.Field("event_id")), rocksDb.DeadLetters.Select(r => r.Field("event_id")));
        Assert.Contains(rocksDb.Store(ProcessorTopology.ConferenceStore), kv => kv.Key == StateKeys.StreamTime);
    }

    public void Dispose()
    {
        if (Directory.Exists(stateDirectory)) Directory.Delete(stateDirectory, recursive: true);
    }
}
