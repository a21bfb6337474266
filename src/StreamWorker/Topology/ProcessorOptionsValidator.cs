using Microsoft.Extensions.Options;

namespace StreamWorker.Topology;

/// <summary>
/// Rules DataAnnotations cannot say: windows and grace periods positive, and retention at least as long as
/// the longest window plus its grace (a seen id forgotten earlier could let a re-delivery be applied twice).
/// </summary>
public sealed class ProcessorOptionsValidator : IValidateOptions<ProcessorOptions>
{
    public ValidateOptionsResult Validate(string? name, ProcessorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(failures, options.ParticipantsWindow, "Processor:ParticipantsWindow");
        Positive(failures, options.ChurnWindow, "Processor:ChurnWindow");
        Positive(failures, options.DialoutWindow, "Processor:DialoutWindow");
        Positive(failures, options.Grace, "Processor:Grace");
        Positive(failures, options.DialoutGrace, "Processor:DialoutGrace");
        Positive(failures, options.StateRetention, "Processor:StateRetention");
        Positive(failures, options.SessionTimeout, "Processor:SessionTimeout");
        Positive(failures, options.UsageWindow, "Processor:UsageWindow");
        Positive(failures, options.UsageGrace, "Processor:UsageGrace");
        if (options.CommitInterval is { } commitInterval) Positive(failures, commitInterval, "Processor:CommitInterval");
        if (options.IdleCloseAfter != TimeSpan.Zero) Positive(failures, options.IdleCloseAfter, "Processor:IdleCloseAfter");
        Positive(failures, options.StallTimeout, "Processor:StallTimeout");
        if (AggregateNames.TryParse(options.Aggregates, out _) is { } aggregates) failures.Add($"Processor:Aggregates {aggregates}, was '{options.Aggregates}'");
        if (options.WriteCacheKeys < 0) failures.Add($"Processor:WriteCacheKeys must be 0 (off) or more, was {options.WriteCacheKeys}");
        var longest = new[]
        {
            options.ParticipantsWindow + options.Grace,
            options.ChurnWindow + options.Grace,
            options.DialoutWindow + options.DialoutGrace,
        }.Max();
        if (options.StateRetention < longest)
        {
            failures.Add($"Processor:StateRetention ({options.StateRetention}) must be at least the longest window plus its grace ({longest})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero) failures.Add($"{key} must be positive, was {value}");
        else if (value.Ticks % TimeSpan.TicksPerMillisecond != 0) failures.Add($"{key} must be whole milliseconds, was {value}");
    }
}
