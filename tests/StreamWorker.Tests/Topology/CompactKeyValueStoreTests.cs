using System.Text;
using Streamiz.Kafka.Net.Crosscutting;
using StreamWorker.Topology.State;

namespace StreamWorker.Tests.Topology;

[Trait("Layer", "Unit")]
public sealed class CompactKeyValueStoreTests
{
    private readonly CompactKeyValueStore store = new("stage");

    [Fact]
    public void PutGetDelete_KeepTheLatestValuePerKey_AndNullDeletes()
    {
        store.Put(Key("c/1"), [1, 2, 3]);
        store.Put(Key("c/10"), [4]);
        store.Put(Key("c/1"), [5, 6]);

        Assert.Equal([5, 6], store.Get(Key("c/1")));
        Assert.Equal([4], store.Get(Key("c/10")));
        Assert.Null(store.Get(Key("c/")));
        Assert.Equal(2, store.ApproximateNumEntries());

        Assert.Equal([4], store.Delete(Key("c/10")));
        Assert.Null(store.Delete(Key("c/10")));
        store.Put(Key("c/1"), null!);
        Assert.Null(store.Get(Key("c/1")));
        Assert.Equal(0, store.ApproximateNumEntries());
    }

    [Fact]
    public void EmptyValuesAndValuesReturned_AreKeptApartFromTheStoredEntry()
    {
        store.Put(Key("t"), []);
        var value = store.Get(Key("t"));
        Assert.Empty(value);

        store.Put(Key("e/1/a"), [7, 7]);
        store.Get(Key("e/1/a"))[0] = 9; // a caller changing its copy
        Assert.Equal([7, 7], store.Get(Key("e/1/a")));
    }

    [Fact]
    public void PutIfAbsent_KeepsAnExistingValue()
    {
        Assert.Null(store.PutIfAbsent(Key("a/1/2"), [1]));
        Assert.Equal([1], store.PutIfAbsent(Key("a/1/2"), [2]));
        Assert.Equal([1], store.Get(Key("a/1/2")));
    }

    [Fact]
    public void RangeAndAll_ListEntriesInKeyByteOrder()
    {
        foreach (var k in new[] { "p/2/1", "c/1", "p/10/1", "p/1/9", "t" }) store.Put(Key(k), Encoding.UTF8.GetBytes(k));

        Assert.Equal(["c/1", "p/1/9", "p/10/1", "p/2/1", "t"], store.All().Select(e => Text(e.Key)));
        Assert.Equal(["t", "p/2/1", "p/10/1", "p/1/9", "c/1"], store.ReverseAll().Select(e => Text(e.Key)));

        using var range = store.Range(Key("p/"), Key("p/2"));
        var keys = new List<string>();
        while (range.MoveNext()) keys.Add(Text(range.Current!.Value.Key));
        Assert.Equal(["p/1/9", "p/10/1"], keys);
    }

    [Fact]
    public void ManyEntries_AreAllFound()
    {
        for (var i = 0; i < 50_000; i++) store.Put(Key($"e/{i % 97}/{i}"), BitConverter.GetBytes(i));
        for (var i = 0; i < 50_000; i += 2) store.Delete(Key($"e/{i % 97}/{i}"));

        Assert.Equal(25_000, store.ApproximateNumEntries());
        for (var i = 0; i < 50_000; i++)
        {
            var value = store.Get(Key($"e/{i % 97}/{i}"));
            if (i % 2 == 0) Assert.Null(value);
            else Assert.Equal(i, BitConverter.ToInt32(value));
        }
    }

    private static Bytes Key(string key) => Bytes.Wrap(Encoding.UTF8.GetBytes(key));

    private static string Text(Bytes key) => Encoding.UTF8.GetString(key.Get);
}
