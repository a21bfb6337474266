namespace StreamWorker.Simulator.Generation;

/// <summary>
/// What traffic to generate. <see cref="Duration"/> null means endless traffic (the demo), where conferences
/// keep arriving every <see cref="ConferenceInterval"/>; otherwise <see cref="Conferences"/> conferences start
/// during the first three quarters of the duration and all of them end within it.
/// </summary>
internal sealed record GeneratorOptions
{
    public int Companies { get; init; } = 10;

    public int Conferences { get; init; } = 100;

    public TimeSpan? Duration { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan ConferenceInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Endless traffic only: this many conferences start during the first <see cref="WarmStartSpan"/> before the
    /// regular arrivals, so that the traffic reaches its steady rate in seconds instead of a conference's lifetime.
    /// </summary>
    public int WarmStartConferences { get; init; }

    public TimeSpan WarmStartSpan { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// With <see cref="LargeConferenceViewers"/> or <see cref="LargeConferenceParticipants"/> above 0 the traffic is
    /// one conference of that audience spanning <see cref="Duration"/> (one company), instead of
    /// <see cref="Conferences"/> small ones: the benchmark's large-conference shape.
    /// </summary>
    public int LargeConferenceViewers { get; init; }

    public int LargeConferenceParticipants { get; init; }

    public bool IsLargeConference => LargeConferenceViewers > 0 || LargeConferenceParticipants > 0;

    public int Seed { get; init; } = 1;

    public double DuplicateShare { get; init; } = 0.05;

    public double OutOfOrderShare { get; init; } = 0.05;

    public double LateShare { get; init; }

    public double UnknownShare { get; init; } = 0.001;

    public double InvalidShare { get; init; }

    public DateTimeOffset Start { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
