namespace StreamWorker.Aggregates.Tests;
public class TmpDebugTests
{
    [Fact]
    public void Debug()
    {
        var d = CrashReplayPropertyTests.Difference([0, 0, 0, 0, 0, 63], commitSeed: 1, crashSeed: 5, redeliveries: [], cacheSeed: 0);
        System.IO.File.WriteAllText("/tmp/dbg.txt", d ?? "none");
    }
}
