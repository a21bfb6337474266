using Microsoft.Extensions.Time.Testing;
using StreamWorker.Telemetry;
using StreamWorker.Tests.Support;
using StreamWorker.Topology;

namespace StreamWorker.Tests.Topology;

/// <summary>Readiness and the stall stop: an instance is consuming only while RUNNING with a task and not fenced.</summary>
[Trait("Layer", "Unit")]
public sealed class ProcessorLivenessTests : IDisposable
{
    private readonly FakeTimeProvider clock = new();
    private readonly ProcessorTelemetry telemetry;
    private readonly ProcessorLiveness liveness;

    public ProcessorLivenessTests()
    {
        telemetry = new ProcessorTelemetry(new TestMeterFactory(), clock);
        liveness = new ProcessorLiveness(telemetry, clock);
    }

    [Fact]
    public void RunningWithATask_IsConsuming()
    {
        liveness.TaskStarted("conference-state", "0-1");
        Assert.Null(liveness.StallReason("RUNNING"));
        Assert.Equal(TimeSpan.Zero, liveness.Check("RUNNING"));
    }

    [Fact]
    public void ATaskClosedTwice_AsStreamizDoesOnRevoke_LeavesTheOtherTasksCounted()
    {
        liveness.TaskStarted("conference-state", "0-1");
        liveness.TaskStarted("conference-state", "0-2");
        liveness.TaskClosed("conference-state", "0-1");
        liveness.TaskClosed("conference-state", "0-1");

        Assert.Null(liveness.StallReason("RUNNING"));
    }

    [Fact]
    public void Fenced_IsNotConsuming_UntilItsTasksAreAssignedAgain()
    {
        liveness.TaskStarted("conference-state", "0-1");
        liveness.Fenced();
        Assert.Contains("fenced", liveness.StallReason("RUNNING"), StringComparison.Ordinal);

        liveness.TaskStarted("conference-state", "0-1");
        Assert.Null(liveness.StallReason("RUNNING"));
    }

    [Fact]
    public void NotConsuming_CountsTheTimeSinceItStopped_AndResetsWhenItResumes()
    {
        liveness.TaskStarted("company-state", "1-0");
        liveness.Check("RUNNING");
        liveness.Check("REBALANCING");
        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(TimeSpan.FromSeconds(40), liveness.Check("REBALANCING"));

        liveness.TaskClosed("company-state", "1-0");
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("no partition assigned", liveness.StallReason("RUNNING"));
        Assert.Equal(TimeSpan.FromSeconds(45), liveness.Check("RUNNING"));

        liveness.TaskStarted("company-state", "1-0");
        Assert.Equal(TimeSpan.Zero, liveness.Check("RUNNING"));
    }

    public void Dispose() => telemetry.Dispose();
}
