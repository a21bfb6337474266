using StreamWorker.Simulator.Generation;

namespace StreamWorker.Simulator.Tests;

[Trait("Layer", "Unit")]
public class TrafficGeneratorTests(RealisticRun run) : IClassFixture<RealisticRun>
{
    private static async Task<string> NdjsonAsync(GeneratorOptions options)
    {
        using var writer = new StringWriter();
        await DeliveryFile.WriteAsync(TrafficGenerator.Generate(options), writer, CancellationToken.None);
        return writer.ToString();
    }

    [Fact]
    public async Task Generate_SameSeed_GivesIdenticalNdjsonBytes()
    {
        var first = await NdjsonAsync(RealisticRun.Options);
        var second = await NdjsonAsync(RealisticRun.Options);

        Assert.True(first.Length > 100_000);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Generate_AnotherSeed_GivesOtherTraffic()
    {
        var first = await NdjsonAsync(RealisticRun.Options);
        var other = await NdjsonAsync(RealisticRun.Options with { Seed = 43 });

        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Generate_RealisticRun_ProducesAll22EventTypes()
    {
        var produced = run.Events.Select(p => p.Event).ToHashSet();

        Assert.Equal(22, WebhookSamples.RequiredFields.Count);
        Assert.Empty(WebhookSamples.RequiredFields.Keys.Except(produced));
    }

    [Fact]
    public void Generate_EveryBodyExceptDeliberateNoise_IsValidPerWebhookSpec()
    {
        var problems = run.Deliveries
            .Where(d => d.Kind is not (DeliveryKind.Invalid or DeliveryKind.Unknown))
            .SelectMany(d => WebhookSpec.Problems(d.Body))
            .Distinct()
            .ToList();

        Assert.Empty(problems);
    }

    [Fact]
    public void Generate_InvalidDeliveries_BreakTheSpec()
    {
        var invalid = run.Deliveries.Where(d => d.Kind == DeliveryKind.Invalid).ToList();

        Assert.NotEmpty(invalid);
        Assert.All(invalid, d => Assert.NotEmpty(ProblemsOrUnparsable(d.Body)));
    }

    [Fact]
    public void Generate_UnknownDeliveries_UseEventNamesOutsideTheSpec()
    {
        var unknown = run.Parsed.Where(p => p.Delivery.Kind == DeliveryKind.Unknown).ToList();

        Assert.NotEmpty(unknown);
        Assert.All(unknown, p => Assert.DoesNotContain(p.Event, WebhookSamples.RequiredFields.Keys));
    }

    [Fact]
    public void Generate_DuplicateShare_IsRoughlyAsConfigured_AndRedeliversExactBodies()
    {
        var firsts = run.Deliveries.Count(d => d.Kind is DeliveryKind.Original or DeliveryKind.OutOfOrder or DeliveryKind.Late);
        var duplicates = run.Deliveries.Where(d => d.Kind == DeliveryKind.Duplicate).ToList();
        var firstSendByBody = run.Deliveries.Where(d => d.Kind is DeliveryKind.Original or DeliveryKind.OutOfOrder or DeliveryKind.Late)
            .GroupBy(d => d.Body).ToDictionary(g => g.Key, g => g.Min(d => d.SendOffsetMs));

        var share = duplicates.Count / (double)firsts;
        Assert.InRange(share, 0.04, 0.06);
        Assert.All(duplicates, d => Assert.True(firstSendByBody.ContainsKey(d.Body), "a duplicate repeats a delivered body"));
        var delays = duplicates.Select(d => d.SendOffsetMs - firstSendByBody[d.Body]).ToList();
        Assert.Contains(delays, delay => delay is >= 0 and <= 2_000);
        Assert.Contains(delays, delay => delay >= 60_000);
    }

    [Fact]
    public void Generate_Deliveries_ComeInSendOrder_NeverBeforeTheirEventTime()
    {
        Assert.True(run.Deliveries.Zip(run.Deliveries.Skip(1)).All(pair => pair.First.SendOffsetMs <= pair.Second.SendOffsetMs));
        Assert.All(run.Parsed, p =>
            Assert.True(p.Delivery.SendOffsetMs >= (p.Timestamp - RealisticRun.Options.Start).TotalMilliseconds, "sent before it happened"));
    }

    [Fact]
    public void Generate_OutOfOrderAndLateDeliveries_AreDelayedWithinAndBeyondGrace()
    {
        static double Delay(ParsedDelivery p) => p.Delivery.SendOffsetMs - (p.Timestamp - RealisticRun.Options.Start).TotalMilliseconds;

        var outOfOrder = run.Parsed.Where(p => p.Delivery.Kind == DeliveryKind.OutOfOrder).ToList();
        var late = run.Parsed.Where(p => p.Delivery.Kind == DeliveryKind.Late).ToList();
        var onTime = run.Parsed.Where(p => p.Delivery.Kind == DeliveryKind.Original).ToList();

        Assert.InRange(outOfOrder.Count / (double)run.Events.Count(), 0.04, 0.06);
        Assert.All(outOfOrder, p => Assert.InRange(Delay(p), 1_000, 90_000)); // within the 2 minute grace
        Assert.NotEmpty(late);
        Assert.All(late, p => Assert.True(Delay(p) > 30 * 60_000, "beyond the dial-out window and grace"));
        Assert.All(onTime, p => Assert.Equal(0, Delay(p)));
    }

    [Fact]
    public void Generate_WithoutLateShare_HasNoLateDeliveries()
    {
        var deliveries = TrafficGenerator.Generate(RealisticRun.Options with { LateShare = 0, Conferences = 50 }).ToList();

        Assert.DoesNotContain(deliveries, d => d.Kind == DeliveryKind.Late);
    }

    [Fact]
    public void Generate_Participants_LeaveForEveryReason_RejoinAndHoldEveryRole()
    {
        var leaves = run.Events.Where(p => p.Event == "leave_conference").Select(p => p.Field("reason_for_leaving") ?? "").ToHashSet();
        var viewerLeaves = run.Events.Where(p => p.Event == "leave_livestream").Select(p => p.Field("reason_for_leaving") ?? "").ToHashSet();
        var roles = run.Events.Where(p => p.Event is "enter_conference" or "participant_role_changed").Select(p => p.Field("participant_role") ?? "").ToHashSet();
        var rejoins = run.Events.Where(p => p.Event == "enter_conference")
            .GroupBy(p => (p.Field("conference_id"), p.Field("participant_id"))).Count(g => g.Count() > 1);
        var viewerRejoins = run.Events.Where(p => p.Event == "enter_livestream")
            .GroupBy(p => (p.Field("conference_id"), p.Field("participant_id"))).Count(g => g.Count() > 1);

        Assert.Equal(WebhookSamples.LeaveReasons.ToHashSet(), leaves);
        Assert.Equal(WebhookSamples.LeaveReasons.ToHashSet(), viewerLeaves);
        Assert.Equal(WebhookSamples.Roles.ToHashSet(), roles);
        Assert.True(rejoins > 10, $"{rejoins} participants rejoined");
        Assert.True(viewerRejoins > 10, $"{viewerRejoins} viewers rejoined");
    }

    [Fact]
    public void Generate_EveryConference_StartsAndEndsWithinTheDuration()
    {
        var starts = run.Events.Where(p => p.Event == "conference_start").ToDictionary(p => p.Field("conference_id")!, p => p.Timestamp);
        var ends = run.Events.Where(p => p.Event == "conference_end").ToDictionary(p => p.Field("conference_id")!, p => p.Timestamp);
        var endOfRun = RealisticRun.Options.Start + RealisticRun.Options.Duration!.Value;

        Assert.Equal(RealisticRun.Options.Conferences, starts.Count);
        Assert.Equal(starts.Keys.Order(), ends.Keys.Order());
        Assert.All(starts, s => Assert.True(ends[s.Key] > s.Value && ends[s.Key] <= endOfRun));
    }

    [Fact]
    public void Generate_DialoutAttempts_FollowEveryRealStatusPath()
    {
        var deliveries = TrafficGenerator.Generate(RealisticRun.Options with { DuplicateShare = 0, OutOfOrderShare = 0, LateShare = 0, InvalidShare = 0, UnknownShare = 0 })
            .Select(ParsedDelivery.Parse)
            .Where(p => p.Event == "dialout_status_change")
            .ToList();
        var paths = deliveries
            .GroupBy(p => (p.Field("conference_id"), p.Field("participant_id")))
            .Select(g => string.Join(",", g.OrderBy(p => p.Timestamp).Select(p => p.Field("status"))))
            .ToHashSet();

        Assert.Contains("new,dialed,answered", paths);
        Assert.Contains("new,dialed,rejected", paths);
        Assert.Contains("new,dialed,noanswer", paths);
        Assert.Contains("new,cancelled", paths);
        Assert.Contains("new,dialed,cancelled", paths);
        Assert.Contains("new,notenabled", paths);
        Assert.Contains("new,dialed,answered,rejected", paths);
        Assert.Contains(paths, p => p.StartsWith("new,dialed,noanswer,new,dialed,", StringComparison.Ordinal) || p.StartsWith("new,dialed,rejected,new,dialed,", StringComparison.Ordinal));
        Assert.All(paths, p => Assert.StartsWith("new,", p, StringComparison.Ordinal));
        Assert.All(deliveries, p => Assert.StartsWith("+", p.Field("phone_number"), StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_EndlessDemoTraffic_StartsAtTheGivenTimeAndKeepsComing()
    {
        var start = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var first = DemoTraffic.Endless(RealisticRun.Options with { Conferences = 1 }, deliveriesPerSecond: 200, start)
            .Take(20_000)
            .ToList();

        Assert.Equal(20_000, first.Count);
        var parsed = first.Where(d => d.Kind != DeliveryKind.Invalid).Select(ParsedDelivery.Parse).ToList();
        Assert.All(parsed, p => Assert.True(p.Timestamp >= start));
        var conferences = parsed.Where(p => p.Event == "conference_start").Select(p => p.Field("conference_id")).Distinct().Count();
        Assert.True(conferences > 1, "conferences keep arriving beyond the configured count");

        // Steady state is reached once conferences end as often as they start; the rate then nears the target.
        var lastSecond = first[^1].SendOffsetMs / 1000.0;
        Assert.InRange(first.Count / lastSecond, 30, 400);
    }

    private static List<string> ProblemsOrUnparsable(string body)
    {
        try
        {
            return WebhookSpec.Problems(body);
        }
        catch (System.Text.Json.JsonException e)
        {
            return [e.Message];
        }
        catch (KeyNotFoundException e)
        {
            return [e.Message];
        }
    }
}
