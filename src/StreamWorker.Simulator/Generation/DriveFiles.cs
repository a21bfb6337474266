using System.Globalization;

namespace StreamWorker.Simulator.Generation;

/// <summary>
/// The kinds of files hosts keep in the drive, how common each is and how large: documents of kilobytes to
/// megabytes, slide decks up to a hundred megabytes, videos up to gigabytes. Sizes are spread evenly on a
/// logarithmic scale between each kind's smallest and largest, so most files are modest and a few are big.
/// </summary>
internal static class DriveFiles
{
    private const long KB = 1_000;
    private const long MB = 1_000_000;

    private static readonly (FileKind Kind, int Weight)[] Kinds =
    [
        (new FileKind("pdf", 80 * KB, 30 * MB, ["Agenda", "Quarterly review", "Contract draft", "Handout", "Invoice"]), 28),
        (new FileKind("pptx", 500 * KB, 120 * MB, ["Sales deck", "Product roadmap", "Kickoff", "Training", "All hands"]), 20),
        (new FileKind("docx", 15 * KB, 6 * MB, ["Meeting notes", "Minutes", "Proposal", "Onboarding guide"]), 15),
        (new FileKind("xlsx", 10 * KB, 15 * MB, ["Budget", "Attendance", "Forecast", "Pricing"]), 10),
        (new FileKind("png", 40 * KB, 8 * MB, ["Screenshot", "Whiteboard", "Diagram"]), 9),
        (new FileKind("jpg", 100 * KB, 12 * MB, ["Team photo", "Slide photo", "Banner"]), 6),
        (new FileKind("mp4", 20 * MB, 2_000 * MB, ["Webinar recording", "Product demo", "Walkthrough"]), 7),
        (new FileKind("mp3", 1 * MB, 90 * MB, ["Podcast episode", "Voice memo"]), 3),
        (new FileKind("zip", 200 * KB, 600 * MB, ["Assets", "Course materials"]), 2),
    ];

    /// <param name="details">Picks the kind and the name.</param>
    /// <param name="sizeQuantile">In [0, 1): where the size falls between the kind's smallest and largest.</param>
    public static DriveFile Draw(Random details, double sizeQuantile)
    {
        var kind = details.Pick(Kinds);
        var stem = kind.Stems[details.Next(kind.Stems.Length)];
        var suffix = details.Next(10) switch
        {
            < 6 => "",
            < 8 => string.Create(CultureInfo.InvariantCulture, $" v{details.Next(2, 6)}"),
            8 => " (final)",
            _ => string.Create(CultureInfo.InvariantCulture, $" 2026-{details.Next(1, 13):00}"),
        };
        var size = (long)(kind.MinBytes * Math.Pow(kind.MaxBytes / (double)kind.MinBytes, sizeQuantile));
        return new DriveFile($"{stem}{suffix}.{kind.Extension}", Math.Clamp(size, kind.MinBytes, kind.MaxBytes));
    }

    private sealed record FileKind(string Extension, long MinBytes, long MaxBytes, string[] Stems);
}
