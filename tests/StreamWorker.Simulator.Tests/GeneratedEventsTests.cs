using System.Globalization;
using System.Text;
using StreamWorker.Events;
using StreamWorker.Simulator.Generation;

namespace StreamWorker.Simulator.Tests;

/// <summary>
/// The generated traffic against the gateway's own validation and against the order of a real conference: starts
/// before stops, recordings ready after the end, host account events without a conference.
/// </summary>
[Trait("Layer", "Unit")]
public class GeneratedEventsTests(RealisticRun run) : IClassFixture<RealisticRun>
{
    private static readonly (string Start, string Stop)[] Pairs =
        [("start_recording", "stop_recording"), ("start_streaming", "stop_streaming"), ("start_broadcasting", "stop_broadcasting")];

    private static readonly string[] HostAccountEvents =
        ["drive_file_added", "drive_file_deleted", "profile_picture_upload_success", "profile_picture_upload_failure"];

    [Theory]
    [InlineData(1, 100)] // the generate command's defaults
    [InlineData(42, 300)]
    [InlineData(7, 300)]
    public void Generate_RealisticRun_ProducesEveryDocumentedEventType(int seed, int conferences)
    {
        var produced = TrafficGenerator.Generate(new GeneratorOptions { Seed = seed, Conferences = conferences })
            .Where(d => d.Kind == DeliveryKind.Original)
            .Select(d => d.Event)
            .ToHashSet();

        Assert.Equal(22, WebhookEventNames.All.Count);
        Assert.Empty(WebhookEventNames.All.Except(produced));
        Assert.Empty(WebhookSamples.RequiredFields.Keys.Except(produced));
    }

    [Fact]
    public void Generate_EveryDeliveryButTheDeliberatelyInvalid_IsAcceptedByTheGatewaysIntake()
    {
        var intake = new WebhookIntake(new WebhookIntakeOptions { PersonalData = PersonalDataMode.Keep }, TimeProvider.System);
        var refused = new List<string>();
        foreach (var delivery in run.Deliveries)
        {
            // Received when sent, as through the gateway: never ahead of the receiver's clock.
            var result = intake.Process(Encoding.UTF8.GetBytes(delivery.Body), RealisticRun.Options.Start.AddMilliseconds(delivery.SendOffsetMs));
            if (delivery.Kind == DeliveryKind.Invalid)
            {
                Assert.NotEqual(IntakeStatus.Accepted, result.Status);
                continue;
            }

            if (result.Status != IntakeStatus.Accepted)
            {
                refused.Add($"{delivery.Event}: {string.Join("; ", result.Errors.Select(e => e.ToString()))}");
                continue;
            }

            Assert.Equal(delivery.Kind != DeliveryKind.Unknown, result.IsKnownEvent);
            Assert.NotNull(result.Key);
        }

        Assert.Empty(refused.Distinct());
    }

    [Fact]
    public void Generate_KnownEvents_CarryOnlyTheirDocumentedFields()
    {
        var documented = WebhookSamples.Payloads.ToDictionary(
            p => p.Key, p => System.Text.Json.JsonDocument.Parse(p.Value).RootElement.EnumerateObject().Select(f => f.Name).ToHashSet());

        var extra = run.Events
            .SelectMany(p => p.Payload.Keys.Where(field => !documented[p.Event].Contains(field)).Select(field => $"{p.Event}.{field}"))
            .Distinct()
            .ToList();

        Assert.Empty(extra);
    }

    [Fact]
    public void Generate_RecordingAndTranscriptionReady_ComeMinutesAfterTheConferenceEnds()
    {
        var ends = TimesBy("conference_end");
        var ready = run.Events.Where(p => p.Event == "recording_ready").ToList();
        var transcriptions = run.Events.Where(p => p.Event == "transcription_ready").ToList();
        var recorded = run.Events.Where(p => p.Event == "stop_recording").Select(p => p.Field("conference_id")).ToHashSet();

        Assert.NotEmpty(ready);
        Assert.NotEmpty(transcriptions);
        Assert.All(ready, p =>
        {
            var after = p.Timestamp - ends[p.Field("conference_id")!].Single();
            Assert.InRange(after, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
            Assert.Contains(p.Field("conference_id"), recorded);
            Assert.True(long.TryParse(p.Field("recording_id"), CultureInfo.InvariantCulture, out _));
            Assert.Matches(@"^https://\S+\.(mp3|mp4)$", p.Field("download_link"));
        });
        Assert.Equal(ready.Count, ready.Select(p => p.Field("recording_id")).Distinct().Count());
        var readyAt = ready.ToDictionary(p => p.Field("conference_id")!, p => p.Timestamp);
        Assert.All(transcriptions, p =>
        {
            Assert.True(p.Timestamp > ends[p.Field("conference_id")!].Single(), "transcription before the conference ended");
            Assert.True(p.Timestamp > readyAt[p.Field("conference_id")!], "transcription before its recording was ready");
        });
    }

    [Fact]
    public void Generate_EveryStop_FollowsItsStart_WithinTheConference()
    {
        var starts = TimesBy("conference_start");
        var ends = TimesBy("conference_end");
        foreach (var (start, stop) in Pairs)
        {
            var byConference = run.Events.Where(p => p.Event == start || p.Event == stop).GroupBy(p => p.Field("conference_id")!).ToList();

            Assert.NotEmpty(byConference);
            Assert.All(byConference, g =>
            {
                var sequence = g.OrderBy(p => p.Timestamp).Select(p => p.Event).ToList();
                Assert.Equal(Enumerable.Range(0, sequence.Count).Select(i => i % 2 == 0 ? start : stop), sequence);
                Assert.Equal(0, sequence.Count % 2);
                Assert.All(g, p => Assert.InRange(p.Timestamp, starts[g.Key].Single(), ends[g.Key].Single()));
            });
        }
    }

    [Fact]
    public void Generate_StreamPreviews_ComeWhileStreaming_WithAVideoAndSometimesAnImage()
    {
        var streamStart = TimesBy("start_streaming");
        var streamStop = TimesBy("stop_streaming");
        var previews = run.Events.Where(p => p.Event == "stream_preview_updated").ToList();

        Assert.NotEmpty(previews);
        Assert.All(previews, p =>
        {
            Assert.InRange(p.Timestamp, streamStart[p.Field("conference_id")!].Single(), streamStop[p.Field("conference_id")!].Single());
            Assert.EndsWith(".mp4", p.Field("video_url"), StringComparison.Ordinal);
        });
        Assert.Contains(previews, p => p.Field("image_url")?.EndsWith(".jpg", StringComparison.Ordinal) == true);
        Assert.Contains(previews, p => p.Field("image_url") is null);
    }

    [Fact]
    public void Generate_DriveAndProfileEvents_BelongToTheHost_WithoutAConference()
    {
        var hostEvents = run.Events.Where(p => HostAccountEvents.Contains(p.Event)).ToList();
        var added = run.Events.Where(p => p.Event == "drive_file_added").ToList();
        var deleted = run.Events.Where(p => p.Event == "drive_file_deleted").ToList();

        Assert.Equal(HostAccountEvents.ToHashSet(), hostEvents.Select(p => p.Event).ToHashSet());
        Assert.All(hostEvents, p =>
        {
            Assert.Null(p.Field("conference_id"));
            Assert.NotNull(p.Field("host_id"));
            Assert.NotNull(p.Field("company_id"));
        });
        Assert.Equal(added.Count, added.Select(p => p.Field("id")).Distinct().Count());
        Assert.All(added, p =>
        {
            Assert.InRange(long.Parse(p.Field("size")!, CultureInfo.InvariantCulture), 1_000, 5_000_000_000);
            Assert.Matches(@"^[^/\\]+\.[a-z0-9]{2,4}$", p.Field("filename"));
        });
        var addedById = added.ToDictionary(p => p.Field("id")!);
        Assert.All(deleted, p =>
        {
            var original = addedById[p.Field("id")!];
            Assert.Equal((original.Field("host_id"), original.Field("filename")), (p.Field("host_id"), p.Field("filename")));
            Assert.True(p.Timestamp > original.Timestamp, "a file deleted before it was added");
        });

        // Sizes span documents of kilobytes to videos of hundreds of megabytes; failures are the exception.
        var sizes = added.Select(p => long.Parse(p.Field("size")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(sizes, size => size < 1_000_000);
        Assert.Contains(sizes, size => size > 50_000_000);
        Assert.True(hostEvents.Count(p => p.Event == "profile_picture_upload_failure") < hostEvents.Count(p => p.Event == "profile_picture_upload_success"));
    }

    [Fact]
    public void Generate_RoleChanges_CarryNoCompany_AndADocumentedRole_ForAParticipantWhoEntered()
    {
        var changes = run.Events.Where(p => p.Event == "participant_role_changed").ToList();
        var entered = run.Events.Where(p => p.Event == "enter_conference")
            .GroupBy(p => (p.Field("conference_id"), p.Field("participant_id")))
            .ToDictionary(g => g.Key, g => g.Min(p => p.Timestamp));

        Assert.NotEmpty(changes);
        Assert.All(changes, p =>
        {
            Assert.Null(p.Field("company_id"));
            Assert.Contains(p.Field("participant_role"), WebhookSamples.Roles);
            Assert.True(p.Timestamp > entered[(p.Field("conference_id"), p.Field("participant_id"))], "role changed before the participant entered");
        });
    }

    [Fact]
    public void Generate_ReusedAccessCodes_WereIssuedForAnEarlierConference_MostlyOfTheSameHost()
    {
        var starts = TimesBy("conference_start");
        var hostOf = run.Events.Where(p => p.Event == "conference_start").ToDictionary(p => p.Field("conference_id")!, p => p.Field("host_id"));
        var reuses = run.Events.Where(p => p.Event == "one_time_access_code_reused").ToList();

        Assert.NotEmpty(reuses);
        Assert.All(reuses, p =>
        {
            var original = p.Field("original_conference_id")!;
            Assert.NotEqual(p.Field("conference_id"), original);
            Assert.True(starts[original].Single() < starts[p.Field("conference_id")!].Single(), "the code's conference started later");
            Assert.InRange(p.Timestamp - starts[p.Field("conference_id")!].Single(), TimeSpan.Zero, TimeSpan.FromSeconds(5));
        });
        Assert.True(reuses.Count(p => hostOf[p.Field("original_conference_id")!] == p.Field("host_id")) * 2 > reuses.Count);
    }

    private Dictionary<string, List<DateTimeOffset>> TimesBy(string eventName) =>
        run.Events.Where(p => p.Event == eventName)
            .GroupBy(p => p.Field("conference_id")!)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Timestamp).ToList());
}
