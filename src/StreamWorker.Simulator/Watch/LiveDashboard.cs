using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using StreamWorker.Simulator.Replay;

namespace StreamWorker.Simulator.Watch;

/// <summary>
/// The terminal view: a status line (gateway, ingest rate and errors when a replay runs alongside, records read)
/// and one table per analytics topic with its most recent windows, redrawn twice a second until cancelled.
/// Without a terminal (output redirected) it prints a plain status line every five seconds instead.
/// </summary>
internal sealed class LiveDashboard(AnalyticsView view, AnalyticsConsumer consumer, GatewayProbe? gateway, ReplayStats? ingest, TimeProvider time)
{
    private ReplaySnapshot _previous;
    private long _previousAt;
    private double _ingestRate;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _previousAt = time.GetTimestamp();
        try
        {
            if (Console.IsOutputRedirected)
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), time, cancellationToken).ConfigureAwait(false);
                    await Console.Out.WriteLineAsync(StatusText()).ConfigureAwait(false);
                }

                return;
            }

            await AnsiConsole.Live(Render()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async context =>
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken).ConfigureAwait(false);
                    context.UpdateTarget(Render());
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: leave the last frame on screen.
        }
    }

    private Rows Render()
    {
        // Fit the tables into the terminal: each costs about 8 lines besides its rows (title, caption, borders, header).
        var rowsPerTable = Math.Clamp((AnsiConsole.Profile.Height - 4) / view.Layouts.Count - 8, 2, 15);
        var parts = new List<IRenderable> { new Markup(Markup.Escape(StatusText())) };
        foreach (var layout in view.Layouts)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title(Markup.Escape($"{layout.Title}, {view.RecordsRead(layout.Topic)} records"))
                .Caption($"[grey]{Markup.Escape(layout.Topic)}[/]");
            foreach (var column in layout.Columns)
            {
                table.AddColumn(new TableColumn(Markup.Escape(column.Header)).RightAligned().PadLeft(1).PadRight(0));
            }

            foreach (var row in view.Latest(layout.Topic, rowsPerTable))
            {
                table.AddRow(row.Cells.Select(Markup.Escape).ToArray());
            }

            parts.Add(table);
        }

        parts.Add(new Markup("[grey]Ctrl+C to stop[/]"));
        return new Rows(parts);
    }

    private string StatusText()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():HH:mm:ss} UTC");
        if (gateway is not null)
        {
            text += $" | gateway {gateway.Status}";
        }

        if (ingest is not null)
        {
            var now = ingest.Snapshot();
            var at = time.GetTimestamp();
            var seconds = time.GetElapsedTime(_previousAt, at).TotalSeconds;
            if (seconds >= 1)
            {
                _ingestRate = (now.Completed - _previous.Completed) / seconds;
                _previous = now;
                _previousAt = at;
            }

            text += string.Create(CultureInfo.InvariantCulture,
                $" | ingest {_ingestRate:F0}/s, sent {now.Attempts}, 2xx {now.Status2xx}, 4xx {now.Status4xx}, 5xx {now.Status5xx}, conn errors {now.ConnectionErrors}, retries {now.Retries}, failed {now.Failed}");
        }

        text += string.Create(CultureInfo.InvariantCulture, $" | kafka errors {consumer.Errors}");
        if (consumer.LastError is { } error && consumer.Errors > 0)
        {
            text += $" (last: {error})";
        }

        if (view.Unreadable > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" | unreadable records {view.Unreadable}");
        }

        return text;
    }
}
